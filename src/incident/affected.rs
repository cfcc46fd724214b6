/*!
Which counts are an incident's `affected` figures, and in what order.

A count is a candidate when its unit can describe affected people or
reports (users, reports, accounts, and less directly countries and
businesses), it is not a user base or market size, and either its sentence
speaks of the outage, or the text says the counted were affected
(«المتضررين», «حُرم»), or it is a stated peak, or a count of reports (which
exist only because of an outage).

Candidates are ordered best first:
1. a stated peak (ذروة);
2. counts of people, reports or accounts before counts of countries or
   businesses;
3. figures that are not a later decline («انخفض إلى 32 بلاغا»);
4. specific figures (and ranges) before vague amounts (آلاف);
5. the largest (a range by its upper end, a vague amount by its scale);
6. the earliest.
*/

use std::collections::BTreeSet;

use crate::annotate::Quantity;
use crate::span::Span;
use crate::vocab::{Qualifier, Unit};

/// True when `q`, in a sentence that does (`eventful`) or does not speak of
/// the outage, can be an affected count.
pub(super) fn is_candidate(q: &Quantity, eventful: bool) -> bool {
    q.unit.is_some_and(Unit::can_be_affected)
        && !q.base
        && (eventful || q.affected || q.peak || q.unit == Some(Unit::Reports))
}

/// Orders the candidates best first, without duplicates.
pub(super) fn rank(mut candidates: Vec<(Span, &Quantity)>) -> Vec<(Span, Quantity)> {
    candidates.sort_by(|a, b| {
        key(a.1)
            .cmp(&key(b.1))
            .then_with(|| size(b.1).total_cmp(&size(a.1)))
            .then(a.0.start.cmp(&b.0.start))
    });
    let mut seen = BTreeSet::new();
    candidates
        .into_iter()
        .filter(|(s, _)| seen.insert((s.start, s.end)))
        .map(|(s, q)| (s, q.clone()))
        .collect()
}

/// The ordering flags of a count: smaller is better.
fn key(q: &Quantity) -> (bool, bool, bool, bool) {
    let indirect = matches!(q.unit, Some(Unit::Countries | Unit::Businesses));
    (
        !q.peak,
        indirect,
        q.decline,
        q.qualifier == Qualifier::Vague,
    )
}

/// How large a count is.
fn size(q: &Quantity) -> f64 {
    q.value.or(q.max).or(q.min).unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(value: Option<f64>, min: Option<f64>, unit: Unit) -> Quantity {
        Quantity {
            value,
            min,
            max: None,
            qualifier: if value.is_some() {
                Qualifier::Exact
            } else {
                Qualifier::Vague
            },
            unit: Some(unit),
            peak: false,
            base: false,
            decline: false,
            affected: false,
        }
    }

    fn order(qs: &[Quantity]) -> Vec<Option<f64>> {
        let cands: Vec<(Span, &Quantity)> = qs
            .iter()
            .enumerate()
            .map(|(i, q)| (Span::new(i * 10, i * 10 + 5), q))
            .collect();
        rank(cands)
            .into_iter()
            .map(|(_, q)| q.value.or(q.min))
            .collect()
    }

    #[test]
    fn peak_then_people_then_largest_then_specific() {
        let later = Quantity {
            decline: true,
            ..q(Some(32.0), None, Unit::Reports)
        };
        let peak = Quantity {
            peak: true,
            ..q(Some(5000.0), None, Unit::Reports)
        };
        let got = order(&[
            q(Some(40.0), None, Unit::Countries),
            later,
            q(None, Some(1000.0), Unit::Users),
            q(Some(12000.0), None, Unit::Reports),
            peak,
        ]);
        assert_eq!(
            got,
            vec![
                Some(5000.0),
                Some(12000.0),
                Some(1000.0),
                Some(32.0),
                Some(40.0)
            ]
        );
    }

    #[test]
    fn bases_and_money_are_not_candidates() {
        let base = Quantity {
            base: true,
            ..q(Some(2e9), None, Unit::Users)
        };
        assert!(!is_candidate(&base, true));
        assert!(!is_candidate(&q(Some(5e6), None, Unit::Money), true));
        assert!(!is_candidate(&q(Some(5e3), None, Unit::Users), false));
        assert!(is_candidate(&q(Some(5e3), None, Unit::Reports), false));
        let said = Quantity {
            affected: true,
            ..q(Some(6e4), None, Unit::Users)
        };
        assert!(is_candidate(&said, false));
    }
}
