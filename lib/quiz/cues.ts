// The artefacts that give generated faces away (after the "Which face is real?" project,
// University of Washington). Players tick the ones they saw; the model page counts them.
export const CUES = [
  { id: 'blobs', title: 'Water-splotch blobs', text: 'Shiny, smeared patches that look like water drops on the photo, often where hair meets skin or background.' },
  { id: 'hair', title: 'Hair strands', text: 'Strands that float, merge into the background or turn into painted streaks; hair that ends abruptly.' },
  { id: 'asymmetry', title: 'Asymmetric glasses, earrings, collars', text: 'The generator draws each side on its own: frames with two different shapes, one earring only, mismatched collars.' },
  { id: 'background', title: 'Background problems', text: 'Warped or melting shapes behind the face, textures that change direction, nothing that could be a real place.' },
  { id: 'bleeding', title: 'Colour bleeding', text: 'Fluorescent colour from the background leaking into hair or skin.' },
  { id: 'teeth', title: 'Teeth', text: 'Too many, too few or merged teeth, teeth off-centre from the mouth.' },
] as const;

export type CueId = (typeof CUES)[number]['id'];
export const CUE_IDS = CUES.map((c) => c.id) as [CueId, ...CueId[]];
