/*!
Which counts are an incident's `affected` figures, and in what order.

A count is a candidate when its unit can describe affected people or
reports (users, reports, accounts, countries, businesses), it is not a user
base or market size, and its sentence speaks of the outage (or it is a
stated peak, or a count of reports, which exist only because of an outage).

Candidates are ordered best first: a stated peak, then figures that are not
a later decline, then specific before vague, then the largest, then the
earliest.
*/

use std::collections::BTreeSet;

use crate::annotate::Quantity;
use crate::span::Span;
use crate::vocab::Unit;

/// True when `q`, in a sentence that does (`eventful`) or does not speak of
/// the outage, can be an affected count.
pub(super) fn is_candidate(q: &Quantity, eventful: bool) -> bool {
    q.unit.is_some_and(Unit::can_be_affected)
        && !q.base
        && (eventful || q.peak || q.unit == Some(Unit::Reports))
}

/// Orders the candidates best first, without duplicates.
pub(super) fn rank(mut candidates: Vec<(Span, &Quantity)>) -> Vec<(Span, Quantity)> {
    candidates.sort_by(|a, b| {
        let key = |q: &Quantity| (!q.peak, q.decline, q.value.is_none());
        key(a.1)
            .cmp(&key(b.1))
            .then_with(|| {
                let v = |q: &Quantity| q.value.or(q.min).unwrap_or(0.0);
                v(b.1).total_cmp(&v(a.1))
            })
            .then(a.0.start.cmp(&b.0.start))
    });
    let mut seen = BTreeSet::new();
    candidates
        .into_iter()
        .filter(|(s, _)| seen.insert((s.start, s.end)))
        .map(|(s, q)| (s, q.clone()))
        .collect()
}
