/**
 * The READ Scale (Reference Effort Assessment Data), by Bella Karr Gerlich and G. Lynn Berard
 * (College & Research Libraries 71(2), 2010): a six-point classification of the effort,
 * knowledge and teaching a reference transaction took. It sorts transactions into levels; it
 * does not grade them, so it is a classification rubric. Level descriptions are paraphrased.
 * The scale is © Bella Karr Gerlich; readscale.org asks libraries to let Dr. Gerlich know
 * before they adopt it.
 */
import type { RubricInput } from '../schema.js';

export const readScale: RubricInput = {
  id: 'read-scale',
  version: 1,
  name: 'READ Scale (Reference Effort Assessment Data)',
  kind: 'classification',
  description:
    'Records the effort, knowledge, skills and teaching a reference transaction required, on six levels (Gerlich & Berard). readscale.org asks libraries to notify Dr. Bella Karr Gerlich before adopting the scale.',
  sections: [
    {
      id: 'effort',
      title: 'Effort',
      criteria: [
        {
          id: 'effort-level',
          text: 'Level of effort, knowledge and teaching the transaction required',
          scale: {
            type: 'rating',
            min: 1,
            max: 6,
            labels: {
              '1': 'Least effort: no specialist knowledge or resources, under 5 minutes',
              '2': 'More effort: minimal specific knowledge, perhaps a quick look at a resource',
              '3': 'Some effort and time: ready-reference resources, reference skills, brief instruction',
              '4': 'Several resources, possibly a subject specialist, fuller instruction',
              '5': 'Substantial time and effort: in-depth research help drawing on specialist knowledge',
              '6': 'The most effort and time: in-depth research over several contacts, often with colleagues or outside experts',
            },
          },
          guidance:
            '1: directions, opening hours, where a service point is, finding the printer. 2: call numbers, locating an item, simple equipment or computer help, general policy. 3: using a specific reference source or database, basic catalogue searching, pointing to subject databases. 4: teaching search strategies across several resources, a hard-to-find fact. 5: sustained research help with many sources and subject expertise. 6: research consultations or searches that take several sessions or collaboration.',
        },
      ],
    },
  ],
};
