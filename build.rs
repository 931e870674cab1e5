// The default rule base and its tests are embedded from rules/; rebuild when any of it changes.
fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=docs/diagnostics");
}
