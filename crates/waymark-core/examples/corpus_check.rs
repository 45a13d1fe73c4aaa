//! Throwaway corpus checker (to be deleted).
fn main() {
    let canon = std::env::var("CANON").is_ok_and(|v| v == "1");
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        match waymark_core::parse_bytes(&bytes) {
            Err(error) => println!("{path}: PARSE {error}"),
            Ok(doc) => {
                let text = waymark_core::to_canonical_json(&doc);
                let is_canon = text.as_bytes() == bytes.as_slice();
                if canon && !is_canon {
                    std::fs::write(&path, &text).expect("write");
                }
                let n = doc.nodes.len();
                let (_, diagnostics) = waymark_core::validate_document(doc);
                let mut codes: Vec<&str> = diagnostics.iter().map(|d| d.code.name()).collect();
                codes.sort();
                codes.dedup();
                println!("{path}: nodes={n} canonical={is_canon} codes=[{}]", codes.join(","));
                for d in &diagnostics {
                    println!(
                        "  {} {} {} {}",
                        d.code,
                        d.severity,
                        d.location().unwrap_or_default(),
                        d.message
                    );
                }
            }
        }
    }
}
