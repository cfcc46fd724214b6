//! One integration-test binary (ripgrep style): every module runs the real
//! `rasd` binary or the library on real files.

mod util;

mod cases;
mod cli;
mod hostile;
mod lexicons;
mod prop_dates;
mod prop_numbers;
mod records;
