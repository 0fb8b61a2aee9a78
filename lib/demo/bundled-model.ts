/** How the bundled model's checkpoints are labelled: also how metrics and the quiz know its data is the procedural faces. */
export const BUNDLED_CHECKPOINT_LABEL = 'bundled default model';
