//! One integration-test binary (ripgrep style): every module runs the real
//! `rasd` binary or the library on real files.

mod util;

mod cases;
mod cli;
mod lexicons;
mod records;
