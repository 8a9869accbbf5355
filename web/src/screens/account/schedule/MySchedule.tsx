// Placeholder until the scheduling screens land (replace this file): working hours, time
// off and the calendar feed of the signed-in clinician.
export function MySchedule() {
  return null;
}
