//! Prints the generated program for a seed: `cargo run -p perigee-oracle
//! --example genshow -- SEED`. For looking at what the generator makes.

fn main() {
    let seed = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    print!("{}", perigee_oracle::gen::generate_from_seed(seed));
}
