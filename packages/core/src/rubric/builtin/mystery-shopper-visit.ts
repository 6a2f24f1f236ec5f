/**
 * A mystery-shopper visit: a trained shopper asks a prepared question at a service point (or by
 * chat, phone or email) and records what happened. The accuracy of the answer is critical: a
 * visit where the shopper left with a wrong answer fails, however friendly it was.
 */
import type { RubricInput } from '../schema.js';

export const mysteryShopperVisit: RubricInput = {
  id: 'mystery-shopper-visit',
  version: 1,
  name: 'Mystery-shopper visit',
  kind: 'quality',
  description:
    'What a mystery shopper records after one visit or contact with a prepared question: how quickly and warmly they were received, whether the answer was right, and how the contact ended.',
  pass_percent: 70,
  sections: [
    {
      id: 'arrival',
      title: 'Arrival',
      criteria: [
        {
          id: 'greeted-within-30-seconds',
          text: 'A member of staff acknowledged the shopper within 30 seconds of reaching the service point',
          scale: { type: 'yes_no' },
          channels: ['in_person'],
        },
        {
          id: 'first-response-time',
          text: 'How quickly the first response came',
          scale: { type: 'points', max: 2 },
          channels: ['virtual'],
          guidance: '2 = chat or phone within 1 minute, email within 1 business day; 1 = chat or phone within 5 minutes, email within 2 business days; 0 = slower, or never.',
        },
        {
          id: 'signage',
          text: 'Signs led the shopper to the right service point without needing to ask',
          scale: { type: 'yes_no' },
          channels: ['in_person'],
          allow_na: true,
          guidance: 'N/A when the shopper was told to go straight to a known service point.',
        },
        {
          id: 'environment',
          text: 'The service point was tidy, accessible and clearly staffed',
          scale: { type: 'points', max: 2 },
          channels: ['in_person'],
          guidance: '2 = all three; 1 = one of them lacking; 0 = two or more lacking.',
        },
      ],
    },
    {
      id: 'service',
      title: 'Service',
      criteria: [
        {
          id: 'approachability',
          text: 'Staff were approachable: attentive, friendly and unhurried',
          scale: { type: 'points', max: 3 },
          guidance: '3 = warm and fully attentive; 2 = polite; 1 = distracted or hurried; 0 = dismissive or ignored the shopper.',
        },
        { id: 'clarified-question', text: 'Staff asked at least one question to understand what the shopper needed', scale: { type: 'yes_no' } },
        {
          id: 'answer-accuracy',
          text: 'The answer was correct and complete',
          scale: { type: 'points', max: 4 },
          weight: 3,
          critical: true,
          guidance: '4 = correct and complete; 3 = correct, minor gaps; 2 = partly correct; 1 = a lead but no answer; 0 = wrong, or no answer and no lead. 0 fails the visit.',
        },
        {
          id: 'time-to-answer',
          text: 'How long it took to reach an answer',
          scale: { type: 'points', max: 2 },
          allow_na: true,
          guidance: '2 = within 5 minutes (email: within 1 business day); 1 = within 15 minutes (email: 2 business days); 0 = longer. N/A when the question was handed on for follow-up by design.',
        },
        {
          id: 'referral-when-appropriate',
          text: 'Staff referred the shopper to a specialist or another service when the question called for it',
          scale: { type: 'yes_no' },
          allow_na: true,
          guidance: 'N/A when the question did not call for a referral.',
        },
      ],
    },
    {
      id: 'closing',
      title: 'Closing',
      criteria: [
        { id: 'follow-up-invitation', text: 'Staff invited the shopper to come back or get in touch if they needed more help', scale: { type: 'yes_no' } },
        {
          id: 'would-return',
          text: 'The shopper would come back to this service with another question',
          scale: { type: 'rating', min: 1, max: 5, labels: { '1': 'Certainly not', '3': 'Perhaps', '5': 'Certainly' } },
        },
      ],
    },
  ],
};
