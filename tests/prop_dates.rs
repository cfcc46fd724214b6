//! Property tests of date reading (issue 4): generated dates in every month
//! system, numeric format and digit script read back exactly.
