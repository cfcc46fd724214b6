/*!
The one small TSV reader behind every lexicon file.

Format (see `lexicons/README.md`): `#` comments and blank lines are skipped;
the first other line is the header and must name exactly the expected
columns; every row has exactly that many TAB-separated, non-empty cells.
Problems are collected, never fatal here, so `rasd lexicons check` can list
them all.
*/

use crate::error::LexiconError;

/// One data row with its 1-based line number.
#[derive(Debug)]
pub struct Row<'a> {
    pub line: usize,
    pub cells: Vec<&'a str>,
}

/// Parses `content` of the file shown as `file`, checking the header and
/// cell counts. Bad rows are reported and skipped.
pub fn parse<'a>(
    file: &str,
    content: &'a str,
    header: &[&str],
    errors: &mut Vec<LexiconError>,
) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    let mut seen_header = false;
    for (i, raw) in content.lines().enumerate() {
        let line = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let raw = if line == 1 {
            raw.strip_prefix('\u{FEFF}').unwrap_or(raw)
        } else {
            raw
        };
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = raw.split('\t').collect();
        if !seen_header {
            seen_header = true;
            if cells != header {
                errors.push(LexiconError {
                    file: file.to_string(),
                    line,
                    message: format!(
                        "header must be {:?} (TAB-separated), found {:?}",
                        header.join("\t"),
                        raw
                    ),
                });
            }
            continue;
        }
        if cells.len() != header.len() {
            errors.push(LexiconError {
                file: file.to_string(),
                line,
                message: format!(
                    "expected {} TAB-separated cells ({}), found {}",
                    header.len(),
                    header.join(", "),
                    cells.len()
                ),
            });
            continue;
        }
        if let Some(col) = cells.iter().position(|c| c.trim().is_empty()) {
            errors.push(LexiconError {
                file: file.to_string(),
                line,
                message: format!("empty cell in column {:?} (write - for none)", header[col]),
            });
            continue;
        }
        if let Some(col) = cells.iter().position(|c| c.trim() != *c) {
            errors.push(LexiconError {
                file: file.to_string(),
                line,
                message: format!("spaces around the cell in column {:?}", header[col]),
            });
            continue;
        }
        rows.push(Row { line, cells });
    }
    if !seen_header {
        errors.push(LexiconError {
            file: file.to_string(),
            line: 0,
            message: format!("no header line (expected {:?})", header.join("\t")),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_problem_with_its_line() {
        let content = "# comment\nsurface\tunit\nبلاغ\treports\nشكوى\nx\t\n ok\tusers\n";
        let mut errors = Vec::new();
        let rows = parse("units.tsv", content, &["surface", "unit"], &mut errors);
        assert_eq!(rows.len(), 1);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![4, 5, 6]);
        assert_eq!(
            errors[0].to_string(),
            "units.tsv:4: expected 2 TAB-separated cells (surface, unit), found 1"
        );
    }

    #[test]
    fn wrong_header_is_reported() {
        let mut errors = Vec::new();
        parse("x.tsv", "a\tb\n", &["surface", "unit"], &mut errors);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 1);
    }
}
