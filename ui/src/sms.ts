//! SMS segment counting for the live counter under an SMS body. It mirrors
//! `waymark_core::validate::sms_segments` so the form can answer on every keystroke; the
//! `sms-too-long` diagnostic from the Rust validation stays the authority.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsCount {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extended characters count twice), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Units per segment at the current length: 160/153 for GSM-7, 70/67 for UCS-2. */
  perSegment: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** How many segments a text takes: GSM-7 fits 160 in one segment and 153 per segment when split; anything else is UCS-2 (70 and 67). */
export function smsSegments(text: string): SmsCount {
  let septets = 0;
  let gsm = true;
  for (const c of text) {
    if (GSM_BASIC.includes(c)) septets += 1;
    else if (GSM_EXTENDED.includes(c)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) {
    const single = septets <= 160;
    return { encoding: 'GSM-7', units: septets, segments: single ? 1 : Math.ceil(septets / 153), perSegment: single ? 160 : 153 };
  }
  const units = text.length; // UTF-16 code units: characters outside the BMP take two.
  const single = units <= 70;
  return { encoding: 'UCS-2', units, segments: single ? 1 : Math.ceil(units / 67), perSegment: single ? 70 : 67 };
}
