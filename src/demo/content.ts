/** Made-up people for the demo practice: no resemblance to anyone is intended. */
interface DemoClient {
  details: {
    firstName: string;
    lastName: string;
    preferredName?: string;
    pronouns?: string;
    dateOfBirth: string;
    email?: string;
    phone?: string;
  };
  diagnoses: string[];
  insurance?: Record<string, string>;
  note?: { subjective: string; assessment: string; plan: string; sign: boolean };
  safetyPlan?: Record<string, string[]>;
  letter?: boolean;
}

export const DEMO_CLIENTS: DemoClient[] = [
  {
    details: {
      firstName: 'Maya',
      lastName: 'Okafor',
      pronouns: 'she/her',
      dateOfBirth: '1991-04-12',
      email: 'maya.okafor@example.org',
      phone: '+1 555 010 2001',
    },
    diagnoses: ['F41.1'],
    insurance: {
      priority: 'primary',
      payerName: 'Blue Harbor Health',
      memberId: 'BHH-4471902',
      groupNumber: 'G-2210',
    },
    note: {
      subjective: 'Reports fewer panic episodes this week; sleeping about six hours.',
      assessment: 'Generalized anxiety, improving with breathing practice.',
      plan: 'Continue weekly CBT; add a worry log.',
      sign: true,
    },
    letter: true,
  },
  {
    details: {
      firstName: 'Daniel',
      lastName: 'Reyes',
      preferredName: 'Dani',
      pronouns: 'they/them',
      dateOfBirth: '1987-09-30',
      phone: '+1 555 010 2002',
    },
    diagnoses: ['F32.A', 'F41.1'],
    note: {
      subjective: 'Low mood most days; work stress after a reorganisation.',
      assessment: 'Depressive symptoms, no change since intake.',
      plan: 'Behavioural activation; review in two weeks.',
      sign: true,
    },
    safetyPlan: {
      warningSigns: ['Not answering messages', 'Staying in bed past noon'],
      copingStrategies: ['Walk around the block', 'Play guitar for ten minutes'],
      peopleToAsk: ['Sister Ana'],
      reasonsForLiving: ['My niece', 'Finishing the mural'],
    },
  },
  {
    details: {
      firstName: 'Grace',
      lastName: 'Lindqvist',
      pronouns: 'she/her',
      dateOfBirth: '1979-01-22',
      email: 'grace.l@example.org',
    },
    diagnoses: ['F43.10'],
    insurance: {
      priority: 'primary',
      payerName: 'Evergreen Mutual',
      memberId: 'EVM-00381',
      planName: 'Choice PPO',
    },
    note: {
      subjective: 'Nightmares twice this week; avoided driving past the site.',
      assessment: 'PTSD symptoms stable.',
      plan: 'Begin processing work next session.',
      sign: false,
    },
  },
  {
    details: {
      firstName: 'Omar',
      lastName: 'Haddad',
      pronouns: 'he/him',
      dateOfBirth: '2001-06-05',
      phone: '+1 555 010 2004',
    },
    diagnoses: ['F90.0'],
  },
  {
    details: {
      firstName: 'Ruth',
      lastName: 'Abernathy',
      pronouns: 'she/her',
      dateOfBirth: '1965-11-17',
    },
    diagnoses: ['F33.1'],
    note: {
      subjective: 'Energy better since the medication change.',
      assessment: 'Recurrent depression, moderate, improving.',
      plan: 'Continue; coordinate with her physician.',
      sign: true,
    },
  },
  {
    details: {
      firstName: 'Leo',
      lastName: 'Martín',
      pronouns: 'he/him',
      dateOfBirth: '1994-02-28',
      email: 'leo.martin@example.org',
    },
    diagnoses: ['F41.0'],
  },
];

export function soapNote(n: { subjective: string; assessment: string; plan: string }) {
  return {
    subjective: n.subjective,
    objective: 'Alert, engaged, appropriate affect.',
    assessment: n.assessment,
    plan: n.plan,
  };
}

/** A one-page PDF letter, for the documents tab and its preview. */
export async function demoLetter(): Promise<Buffer> {
  const { PDFDocument, StandardFonts } = await import('@cantoo/pdf-lib');
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = [
    'Hearth Demo Practice',
    '',
    'Referral letter',
    '',
    'This is a sample document in the demo practice.',
    'Every document Hearth keeps is encrypted under keys of its own,',
    'checked against its HMAC on every download, and audited.',
  ];
  lines.forEach((line, i) => page.drawText(line, { x: 72, y: 720 - i * 20, size: 13, font }));
  return Buffer.from(await pdf.save());
}
