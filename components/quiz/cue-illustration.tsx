// Small drawings of each artefact cue: a schematic, not a photograph, of what to look for.
import type { CueId } from '@/lib/quiz/cues';

const frame = 'h-14 w-14 shrink-0 rounded border border-stone-200 bg-stone-50';

export function CueIllustration({ cue }: { cue: CueId }) {
  switch (cue) {
    case 'blobs':
      return (
        <svg viewBox="0 0 56 56" className={frame} aria-hidden>
          <circle cx="28" cy="30" r="16" fill="#e8c4a0" />
          <ellipse cx="38" cy="18" rx="7" ry="5" fill="#b9d4e8" opacity="0.9" />
          <ellipse cx="36" cy="17" rx="2.5" ry="1.5" fill="#fff" />
        </svg>
      );
    case 'hair':
      return (
        <svg viewBox="0 0 56 56" className={frame} aria-hidden>
          <circle cx="28" cy="32" r="14" fill="#e8c4a0" />
          <path d="M14 26 Q28 6 42 26" stroke="#5a3a22" strokeWidth="5" fill="none" />
          <path d="M42 24 Q50 30 47 44 M44 22 Q54 20 52 10" stroke="#5a3a22" strokeWidth="1.5" fill="none" />
        </svg>
      );
    case 'asymmetry':
      return (
        <svg viewBox="0 0 56 56" className={frame} aria-hidden>
          <circle cx="28" cy="30" r="16" fill="#e8c4a0" />
          <circle cx="21" cy="27" r="5" stroke="#222" strokeWidth="1.5" fill="none" />
          <rect x="30" y="23" width="11" height="7" stroke="#222" strokeWidth="1.5" fill="none" />
          <circle cx="12" cy="36" r="2" fill="#d4af37" />
        </svg>
      );
    case 'background':
      return (
        <svg viewBox="0 0 56 56" className={frame} aria-hidden>
          <path d="M0 40 Q10 20 20 38 T40 30 T56 42 V56 H0Z" fill="#9ab" />
          <path d="M6 8 Q18 20 10 30 M44 4 Q36 18 50 24" stroke="#789" strokeWidth="3" fill="none" />
          <circle cx="28" cy="32" r="12" fill="#e8c4a0" />
        </svg>
      );
    case 'bleeding':
      return (
        <svg viewBox="0 0 56 56" className={frame} aria-hidden>
          <rect width="56" height="56" fill="#f0f" opacity="0.25" />
          <circle cx="28" cy="30" r="15" fill="#e8c4a0" />
          <path d="M13 22 Q20 14 26 22" stroke="#f0f" strokeWidth="4" fill="none" opacity="0.7" />
        </svg>
      );
    case 'teeth':
      return (
        <svg viewBox="0 0 56 56" className={frame} aria-hidden>
          <path d="M12 24 Q28 44 44 24Z" fill="#7a2a2a" />
          {[14, 19, 23, 26, 31, 34, 38].map((x, i) => (
            <rect key={x} x={x} y="24" width={i % 3 === 0 ? 5 : 3} height="6" fill="#fff" stroke="#ccc" strokeWidth="0.5" />
          ))}
        </svg>
      );
  }
}
