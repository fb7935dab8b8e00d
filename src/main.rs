fn main() {
    println!("quotetrail: under construction");
}
