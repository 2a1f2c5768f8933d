//! Reading the report the runner wrote, for the smoke tests.

/// The body of `section` (up to the next heading) and how many of its table
/// rows carry a time (`… [min–max]`); panics naming the section when absent.
pub fn timed_rows<'a>(report: &'a str, section: &str) -> (&'a str, usize) {
    let body = report
        .split(section)
        .nth(1)
        .unwrap_or_else(|| panic!("no {section} section:\n{report}"));
    let body = body.split("\n## ").next().unwrap();
    let timed = body
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| way |") && l.contains(" ["))
        .count();
    (body, timed)
}
