//! Models that contain themselves. A struct field whose type leads back to its own struct
//! without a list or map in between (`Node { parent: Node? }`, a two-struct cycle, a cycle
//! through an alias or a union's variant) is marked `boxed`, so the struct has a size; a
//! cycle of required fields only, which no finite value can fill, and a cycle of aliases,
//! which Rust cannot expand, are errors naming the cycle.

use super::{Ctx, ModelTable};
use crate::ir::{Model, ModelKind, Ty};

/// One by-value edge: the model a struct field or an alias holds directly.
#[derive(Clone, Copy)]
struct Edge {
    to: usize,
    /// The struct field it comes from (`None` for an alias).
    field: Option<usize>,
    /// Whether the value must be present (not optional, not nullable): aliases always.
    required: bool,
}

/// Marks the fields that close a cycle as `boxed` and reports alias cycles and cycles of
/// required fields. `models` are the API's lowered models, sorted by name.
pub fn check(cx: &mut Ctx<'_>, table: &ModelTable, models: &mut [Model]) {
    let index = |name: &str| {
        models
            .binary_search_by(|m| m.name.rust.as_str().cmp(name))
            .ok()
    };
    let mut edges: Vec<Vec<Edge>> = vec![Vec::new(); models.len()];
    for (i, m) in models.iter().enumerate() {
        match &m.kind {
            ModelKind::Struct(fields) => {
                for (fi, f) in fields.iter().enumerate() {
                    if let Ty::Model(n) = &f.ty {
                        if let Some(to) = index(&n.rust) {
                            edges[i].push(Edge {
                                to,
                                field: Some(fi),
                                required: !f.optional && !f.nullable,
                            });
                        }
                    }
                }
            }
            ModelKind::Alias(Ty::Model(n)) => {
                if let Some(to) = index(&n.rust) {
                    edges[i].push(Edge {
                        to,
                        field: None,
                        required: true,
                    });
                }
            }
            // A union holds its variants by value, but any one of them is enough.
            ModelKind::Union(u) => {
                for v in &u.variants {
                    if let Ty::Model(n) = &v.ty {
                        if let Some(to) = index(&n.rust) {
                            edges[i].push(Edge {
                                to,
                                field: None,
                                required: false,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    alias_cycles(cx, table, models, &index);

    // Every field edge inside a strongly connected component closes a cycle.
    let all: Vec<Vec<usize>> = edges
        .iter()
        .map(|es| es.iter().map(|e| e.to).collect())
        .collect();
    let comp = components(&all);
    for (i, es) in edges.iter().enumerate() {
        for e in es {
            if let (Some(fi), true) = (e.field, comp[i] == comp[e.to]) {
                if let ModelKind::Struct(fields) = &mut models[i].kind {
                    fields[fi].boxed = true;
                }
            }
        }
    }
    // A cycle of required fields has no finite value.
    let required: Vec<Vec<usize>> = edges
        .iter()
        .map(|es| es.iter().filter(|e| e.required).map(|e| e.to).collect())
        .collect();
    let comp = components(&required);
    let mut reported = vec![false; models.len()];
    for start in 0..models.len() {
        let c = comp[start];
        if reported[c] || !matches!(models[start].kind, ModelKind::Struct(_)) {
            continue;
        }
        let Some(path) = cycle_from(start, &edges, &comp) else {
            continue;
        };
        reported[c] = true;
        let shown = path
            .iter()
            .map(|&(from, e)| match (e.field, &models[from].kind) {
                (Some(fi), ModelKind::Struct(fields)) => {
                    format!("`{}.{}`", models[from].name.wire, fields[fi].name.wire)
                }
                _ => format!("`{}`", models[from].name.wire),
            })
            .chain(std::iter::once(format!("`{}`", models[start].name.wire)))
            .collect::<Vec<_>>()
            .join(" -> ");
        let (from, first) = path[0];
        let ModelKind::Struct(fields) = &models[from].kind else {
            continue;
        };
        let field = &fields[first.field.unwrap_or_default()].name.wire;
        let name = &models[start].name.wire;
        let at = table.names[name].at.key("fields").key(field);
        cx.error_at_key(
            &at,
            format!("model `{name}` contains itself through required fields only ({shown}), so no finite value has this shape; make one of these fields `optional: true` or `nullable: true`, or hold it in a `list<..>`"),
        );
    }
}

/// Reports every cycle of aliases (`A: {type: B}`, `B: {type: list<A>}`), once, at the
/// alias of the cycle that sorts first.
fn alias_cycles(
    cx: &mut Ctx<'_>,
    table: &ModelTable,
    models: &[Model],
    index: &dyn Fn(&str) -> Option<usize>,
) {
    // Each alias names at most one model, so following them is a walk, not a search.
    let next = |i: usize| -> Option<usize> {
        let ModelKind::Alias(ty) = &models[i].kind else {
            return None;
        };
        let to = index(&innermost(ty)?.rust)?;
        matches!(models[to].kind, ModelKind::Alias(_)).then_some(to)
    };
    // 0: not seen, 1: on the current walk, 2: done.
    let mut state = vec![0u8; models.len()];
    for start in 0..models.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            if state[i] != 0 || !matches!(models[i].kind, ModelKind::Alias(_)) {
                break;
            }
            state[i] = 1;
            walk.push(i);
            at = next(i);
        }
        if let Some(i) = at.filter(|&i| state[i] == 1) {
            let pos = walk.iter().position(|&w| w == i).unwrap_or(0);
            let cycle = &walk[pos..];
            let first = cycle.iter().copied().min().unwrap_or(i);
            let name = &models[first].name.wire;
            let at = table.names[name].at.key("type");
            let msg = if cycle.len() == 1 {
                format!("alias `{name}` refers to itself; an alias cannot be recursive: make `{name}` a struct")
            } else {
                let from = cycle.iter().position(|&w| w == first).unwrap_or(0);
                let shown = cycle[from..]
                    .iter()
                    .chain(&cycle[..from])
                    .chain(std::iter::once(&first))
                    .map(|&w| format!("`{}`", models[w].name.wire))
                    .collect::<Vec<_>>()
                    .join(" -> ");
                format!("aliases {shown} form a cycle; an alias must end at a struct, an enum or a scalar: make one of them a struct")
            };
            cx.error(&at, msg);
        }
        for i in walk {
            state[i] = 2;
        }
    }
}

/// The model a type names, through any lists, maps and pages.
fn innermost(ty: &Ty) -> Option<&crate::ir::Name> {
    match ty {
        Ty::Model(n) => Some(n),
        Ty::List(t) | Ty::Map(t) | Ty::Page(t) | Ty::ListOrPage(t) => innermost(t),
        Ty::Scalar(_) => None,
    }
}

/// A cycle of required edges from `start` back to it, inside its component: the edges
/// taken, each with the model it leaves. `None` when `start` is on no such cycle.
fn cycle_from(start: usize, edges: &[Vec<Edge>], comp: &[usize]) -> Option<Vec<(usize, Edge)>> {
    let mut came: std::collections::HashMap<usize, (usize, Edge)> = Default::default();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(u) = queue.pop_front() {
        for e in edges[u]
            .iter()
            .filter(|e| e.required && comp[e.to] == comp[start])
        {
            if e.to == start {
                let mut path = vec![(u, *e)];
                let mut at = u;
                while at != start {
                    let (prev, edge) = came[&at];
                    path.push((prev, edge));
                    at = prev;
                }
                path.reverse();
                return Some(path);
            }
            if let std::collections::hash_map::Entry::Vacant(v) = came.entry(e.to) {
                v.insert((u, *e));
                queue.push_back(e.to);
            }
        }
    }
    None
}

/// The strongly connected component of every node (Tarjan's algorithm, without
/// recursion so long chains cannot overflow the stack). Nodes on no cycle get a
/// component of their own; a node with an edge to itself shares it with itself.
fn components(adj: &[Vec<usize>]) -> Vec<usize> {
    let n = adj.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(u, i)) = calls.last() {
            if let Some(&w) = adj[u].get(i) {
                calls.last_mut().expect("a call is open").1 += 1;
                if index[w] == usize::MAX {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[u] = low[u].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[u]);
            }
            if low[u] == index[u] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == u {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn components_group_cycles_only() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 0.
        let comp = components(&[vec![1], vec![2], vec![0], vec![3], vec![0]]);
        assert_eq!(comp[0], comp[1]);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[3], comp[0]);
        assert_ne!(comp[4], comp[0]);
        // A long chain does not overflow the stack.
        let chain: Vec<Vec<usize>> = (0..200_000).map(|i| vec![(i + 1) % 200_000]).collect();
        let comp = components(&chain);
        assert!(comp.iter().all(|c| *c == comp[0]));
    }
}
