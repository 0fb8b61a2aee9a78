// The privacy rules of uploaded photos, in one place: what provenance says about a latent
// found from a photo, and the confirmation that sharing it needs.
export const DERIVED_FROM_PHOTO = 'derived from an uploaded photo';

export const LIKENESS_CONFIRMATION =
  'I have the right to share the likeness of the person in this photo (it is me, or they agreed to it).';
