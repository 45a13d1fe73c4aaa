//! SMS segment counting: how many segments a body takes, and in which encoding. Validation's
//! `sms-too-long` rule and the editor's live counter (through the WebAssembly build) both use it.

use serde::Serialize;
use ts_rs::TS;

/// How an SMS body is encoded and how many segments it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct SmsCount {
    /// `GSM-7`, or `UCS-2` as soon as one character is outside GSM-7.
    pub encoding: &'static str,
    /// Septets for GSM-7 (extended characters count twice), UTF-16 code units for UCS-2.
    pub units: u32,
    pub segments: u32,
    /// Units per segment at this length: 160 or 153 for GSM-7, 70 or 67 for UCS-2.
    pub per_segment: u32,
}

const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED: &str = "^{}\\[~]|€\u{c}";

/// Counts the segments of `text`. GSM-7 fits 160 septets in one segment and 153 per segment when
/// split; anything outside GSM-7 forces UCS-2, 70 and 67 UTF-16 code units.
pub fn sms_segments(text: &str) -> SmsCount {
    let mut septets = 0u32;
    let mut gsm = true;
    for c in text.chars() {
        if GSM_BASIC.contains(c) {
            septets += 1;
        } else if GSM_EXTENDED.contains(c) {
            septets += 2;
        } else {
            gsm = false;
            break;
        }
    }
    let (encoding, units, single, split) =
        if gsm { ("GSM-7", septets, 160, 153) } else { ("UCS-2", text.encode_utf16().count() as u32, 70, 67) };
    if units <= single {
        SmsCount { encoding, units, segments: 1, per_segment: single }
    } else {
        SmsCount { encoding, units, segments: units.div_ceil(split), per_segment: split }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> (&'static str, u32, u32, u32) {
        let c = sms_segments(text);
        (c.encoding, c.units, c.segments, c.per_segment)
    }

    #[test]
    fn gsm_texts_fit_160_then_153_per_segment() {
        assert_eq!(count(""), ("GSM-7", 0, 1, 160));
        assert_eq!(count(&"a".repeat(160)), ("GSM-7", 160, 1, 160));
        assert_eq!(count(&"a".repeat(161)), ("GSM-7", 161, 2, 153));
        assert_eq!(count(&"a".repeat(307)), ("GSM-7", 307, 3, 153));
    }

    #[test]
    fn extended_characters_take_two_septets() {
        assert_eq!(count("€{}"), ("GSM-7", 6, 1, 160));
        assert_eq!(count(&"€".repeat(81)), ("GSM-7", 162, 2, 153));
    }

    #[test]
    fn anything_else_is_ucs2_counted_in_utf16_units() {
        assert_eq!(count("héllo ✓"), ("UCS-2", 7, 1, 70));
        assert_eq!(count("😀"), ("UCS-2", 2, 1, 70), "an emoji outside the BMP takes two units");
        assert_eq!(count(&"✓".repeat(71)), ("UCS-2", 71, 2, 67));
    }
}
