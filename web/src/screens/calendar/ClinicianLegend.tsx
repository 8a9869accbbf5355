import type { Clinician } from '../../scheduling/types.ts';
import { clinicianClass } from './events.ts';

/** Whose colour is whose in the practice view (each session also names its clinician). */
export function ClinicianLegend({ clinicians }: { clinicians: readonly Clinician[] }) {
  if (clinicians.length === 0) return null;
  return (
    <ul className="clinician-legend" aria-label="Clinicians’ colours">
      {clinicians.map((c, i) => (
        <li key={c.id}>
          <span className={`legend-swatch ${clinicianClass(i)}`} aria-hidden="true" />
          {c.name}
        </li>
      ))}
    </ul>
  );
}
