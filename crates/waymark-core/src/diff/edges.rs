//! Connections keyed by their source port `(from, port)`: a port that gained a connection, lost
//! one, or now leads to another node. Moving a connection from one port to another shows as one
//! port losing it and the other gaining it.
//!
//! A port with several connections (which validation reports) keeps the targets both versions
//! share; the others pair up in order of target id as rewirings, and what is left over is added or
//! removed, so the result is the same read in either direction.

use super::{EdgeChange, EdgeDiff};
use crate::model::JourneyDocument;

/// The connections that differ, in order of source node and port.
pub fn diff_edges(old: &JourneyDocument, new: &JourneyDocument) -> Vec<EdgeDiff> {
    // Both edge lists sorted, grouped by source port and joined like a merge; canonical
    // documents are already in this order.
    let (before, after) = (sorted(old), sorted(new));
    let (before, after): (Vec<&[Link]>, Vec<&[Link]>) =
        (before.chunk_by(|a, b| a.0 == b.0).collect(), after.chunk_by(|a, b| a.0 == b.0).collect());
    let (mut i, mut j) = (0, 0);
    let mut edges = Vec::new();
    while i < before.len() || j < after.len() {
        let (a, b): (&[Link], &[Link]) = match (before.get(i), after.get(j)) {
            (Some(a), Some(b)) if a[0].0 == b[0].0 => (a, b),
            (Some(a), Some(b)) if a[0].0 < b[0].0 => (a, &[]),
            (Some(a), None) => (a, &[]),
            (_, Some(b)) => (&[], b),
            (None, None) => unreachable!("the loop stops when both are done"),
        };
        i += usize::from(!a.is_empty());
        j += usize::from(!b.is_empty());
        if a != b {
            port_changes(a, b, &mut edges);
        }
    }
    edges
}

/// An edge as `((from, port), to)`.
type Link<'a> = ((&'a str, &'a str), &'a str);

fn sorted(document: &JourneyDocument) -> Vec<Link<'_>> {
    let mut links: Vec<Link> =
        document.edges.iter().map(|e| ((e.from.as_str(), e.port.as_str()), e.to.as_str())).collect();
    links.sort();
    links
}

/// The changes of one source port, given its sorted links in both versions.
fn port_changes<'a>(a: &[Link<'a>], b: &[Link<'a>], edges: &mut Vec<EdgeDiff>) {
    let ((from, port), _) = a.first().or(b.first()).copied().expect("one side has the port");
    let (a, b): (Vec<&str>, Vec<&str>) = (a.iter().map(|(_, to)| *to).collect(), b.iter().map(|(_, to)| *to).collect());
    let (gone, came) = (missing_from(&a, &b), missing_from(&b, &a));
    let edge = |change, old_to: Option<&&str>, new_to: Option<&&str>| EdgeDiff {
        from: from.to_owned(),
        port: port.to_owned(),
        change,
        old_to: old_to.map(|to| (*to).to_owned()),
        new_to: new_to.map(|to| (*to).to_owned()),
    };
    for i in 0..gone.len().max(came.len()) {
        edges.push(match (gone.get(i), came.get(i)) {
            (Some(x), Some(y)) => edge(EdgeChange::Rewired, Some(x), Some(y)),
            (Some(x), None) => edge(EdgeChange::Removed, Some(x), None),
            (None, y) => edge(EdgeChange::Added, None, y),
        });
    }
}

/// The targets of `a` that `b` does not have, counting repeats.
fn missing_from<'a>(a: &[&'a str], b: &[&str]) -> Vec<&'a str> {
    let mut left: Vec<&str> = b.to_vec();
    a.iter()
        .filter(|target| match left.iter().position(|t| t == *target) {
            Some(i) => {
                left.remove(i);
                false
            }
            None => true,
        })
        .copied()
        .collect()
}
