//! Any bytes as a PDF: a text layer or a clear error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend_from_slice(data);
    let _ = imr_audit::pdf::extract_text(&bytes);
});
