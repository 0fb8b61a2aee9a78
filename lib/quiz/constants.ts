/** Truncation of the generated faces in quiz rounds (as the public "Which face is real?" sets were drawn). */
export const QUIZ_PSI = 0.7;
/** Rounds kept ready per model; a worker tops the pool up when fewer are left unserved. */
export const POOL_SIZE = 24;
export const POOL_LOW = 10;
/** Anonymous players: rounds per client address per window. */
export const ANON_ROUNDS_PER_WINDOW = 60;
export const ANON_WINDOW_S = 600;
export const PLAYER_COOKIE = 'atelier_quiz';
