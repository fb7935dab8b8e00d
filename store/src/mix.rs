//! One 64-bit mix (the splitmix64 finaliser), for the store's hashes and
//! order-free sums: a sum of raw values would let two wrong entries near
//! each other cancel out, and a 32-bit key cut from an unmixed hash keeps
//! its weak bits.

/// A bijective mix of `x`.
pub(crate) fn mix64(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}
