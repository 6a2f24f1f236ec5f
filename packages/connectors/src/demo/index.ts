// The demo library's public face.
export { createDemoLibrary, defaultDemoSeed, type DemoLibrary, type DemoLibraryOptions } from './library.js';
export { featuredPatrons } from './patrons.js';
export type { DemoArticle, DemoBook } from './catalogue.js';
