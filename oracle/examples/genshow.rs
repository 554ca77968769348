//! Prints a generated program: `cargo run -p perigee-oracle --example
//! genshow -- SEED` for a seed, or `-- --bytes FILE` for the input bytes of
//! a `diff_tiers` fuzz artifact (decoded exactly as the fuzz target does).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--bytes") {
        let Some(data) = args.get(1).and_then(|p| std::fs::read(p).ok()) else {
            eprintln!("genshow: --bytes needs a readable file");
            std::process::exit(2);
        };
        match perigee_oracle::gen::generate(&mut arbitrary::Unstructured::new(&data)) {
            Ok(src) => print!("{src}"),
            Err(e) => {
                eprintln!("genshow: these bytes make no program: {e}");
                std::process::exit(1);
            }
        }
        return;
    }
    let seed = args.first().and_then(|s| s.parse().ok()).unwrap_or(0);
    print!("{}", perigee_oracle::gen::generate_from_seed(seed));
}
