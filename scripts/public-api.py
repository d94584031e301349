#!/usr/bin/env python3
"""Lists errdsl's public API from rustdoc's JSON output, one line per item,
sorted, for `scripts/public-api.sh`: what a user can name, with the
signatures a user compiles against.

Walks from the crate root through public modules and re-exports: modules,
structs (and their public fields with their types), enums (and variants
with theirs), traits (and their items' signatures), functions with their
generics and signatures, constants and statics with their types, type
aliases, macros, and the methods and associated constants of inherent
impls. Then every trait impl of a public type or a public trait that is
not a blanket impl, auto traits included (`impl Send for ErrorResult`),
so that `u16` becoming `StatusCode` or a dropped `From` impl shows in the
diff. Hidden items (`#[doc(hidden)]`, `__private`) are not in rustdoc's
output."""

import json
import sys

doc = json.load(open(sys.argv[1]))
index = doc["index"]
paths = doc["paths"]
lines = set()
public = set()  # ids of the public items walked
public_path = {}  # id -> the shortest public path of an errdsl item


def kind_of(item):
    inner = item.get("inner", {})
    return next(iter(inner)) if isinstance(inner, dict) and inner else str(inner)


# ---- rendering types, bounds, generics, signatures -----------------------------


def path_name(path):
    """A path as users write it: an errdsl item's public path (not the
    private module that defines it), another crate's canonical path
    (`tonic::Status`, not `Status`), else the path as written."""
    summary = paths.get(str(path.get("id")))
    if path.get("id") in public_path:
        name = public_path[path["id"]]
    elif summary:
        name = "::".join(summary["path"])
    else:
        name = path["path"]
    return name + generic_args(path.get("args"))


def generic_args(args):
    if not args:
        return ""
    if "angle_bracketed" in args:
        parts = []
        for arg in args["angle_bracketed"].get("args", []):
            if "type" in arg:
                parts.append(ty(arg["type"]))
            elif "lifetime" in arg:
                parts.append(arg["lifetime"])
            elif "const" in arg:
                parts.append(arg["const"].get("expr", "_"))
            else:
                parts.append("_")
        for constraint in args["angle_bracketed"].get("constraints", []):
            binding = constraint.get("binding", {})
            value = ty(binding["equality"]["type"]) if "equality" in binding and "type" in binding["equality"] else bounds(binding.get("constraint", []))
            parts.append(f"{constraint['name']} = {value}")
        return f"<{', '.join(parts)}>" if parts else ""
    if "parenthesized" in args:
        inner = args["parenthesized"]
        out = f" -> {ty(inner['output'])}" if inner.get("output") else ""
        return f"({', '.join(ty(t) for t in inner['inputs'])}){out}"
    return ""


def ty(t):
    if t is None:
        return "()"
    (kind, value), = t.items()
    if kind == "resolved_path":
        return path_name(value)
    if kind in ("generic", "primitive"):
        return value
    if kind == "borrowed_ref":
        lifetime = f"{value['lifetime']} " if value.get("lifetime") else ""
        return f"&{lifetime}{'mut ' if value['is_mutable'] else ''}{ty(value['type'])}"
    if kind == "raw_pointer":
        return f"*{'mut' if value['is_mutable'] else 'const'} {ty(value['type'])}"
    if kind == "slice":
        return f"[{ty(value)}]"
    if kind == "array":
        return f"[{ty(value['type'])}; {value['len']}]"
    if kind == "tuple":
        return f"({', '.join(ty(v) for v in value)}{',' if len(value) == 1 else ''})"
    if kind == "impl_trait":
        return f"impl {bounds(value)}"
    if kind == "dyn_trait":
        traits = [path_name(p["trait"]) for p in value["traits"]]
        if value.get("lifetime"):
            traits.append(value["lifetime"])
        return f"dyn {' + '.join(traits)}"
    if kind == "qualified_path":
        trait = f" as {path_name(value['trait'])}" if value.get("trait") else ""
        return f"<{ty(value['self_type'])}{trait}>::{value['name']}{generic_args(value.get('args'))}"
    if kind == "function_pointer":
        return f"fn{signature(value['sig'])}"
    if kind == "infer":
        return "_"
    return kind


def bounds(list_):
    parts = []
    for bound in list_:
        if "trait_bound" in bound:
            b = bound["trait_bound"]
            modifier = {"maybe": "?", "maybe_const": "~const "}.get(b.get("modifier"), "")
            hrtb = b.get("generic_params") or []
            prefix = f"for<{', '.join(p['name'] for p in hrtb)}> " if hrtb else ""
            parts.append(f"{prefix}{modifier}{path_name(b['trait'])}")
        elif "outlives" in bound:
            parts.append(bound["outlives"])
        else:
            parts.append("use<..>")
    return " + ".join(parts)


def generics(g):
    params = []
    for p in g.get("params", []):
        kind = p["kind"]
        if "lifetime" in kind:
            outlives = kind["lifetime"].get("outlives") or []
            params.append(p["name"] + (f": {' + '.join(outlives)}" if outlives else ""))
        elif "type" in kind:
            if kind["type"].get("is_synthetic"):
                continue  # an `impl Trait` argument, shown in the signature
            b = bounds(kind["type"].get("bounds", []))
            default = f" = {ty(kind['type']['default'])}" if kind["type"].get("default") else ""
            params.append(p["name"] + (f": {b}" if b else "") + default)
        elif "const" in kind:
            params.append(f"const {p['name']}: {ty(kind['const']['type'])}")
    return f"<{', '.join(params)}>" if params else ""


def where_clause(g):
    predicates = []
    for w in g.get("where_predicates", []):
        if "bound_predicate" in w:
            predicates.append(f"{ty(w['bound_predicate']['type'])}: {bounds(w['bound_predicate']['bounds'])}")
        elif "lifetime_predicate" in w:
            predicates.append(f"{w['lifetime_predicate']['lifetime']}: {' + '.join(w['lifetime_predicate']['outlives'])}")
        elif "eq_predicate" in w:
            rhs = w["eq_predicate"]["rhs"]
            predicates.append(f"{ty(w['eq_predicate']['lhs'])} = {ty(rhs['type']) if 'type' in rhs else rhs}")
    return f" where {', '.join(predicates)}" if predicates else ""


def signature(sig):
    inputs = []
    for name, t in sig["inputs"]:
        if name == "self":
            inputs.append(render_self(t))
        else:
            inputs.append(f"{name}: {ty(t)}")
    output = f" -> {ty(sig['output'])}" if sig.get("output") else ""
    return f"({', '.join(inputs)}){output}"


def render_self(t):
    if t == {"generic": "Self"}:
        return "self"
    if "borrowed_ref" in t and t["borrowed_ref"]["type"] == {"generic": "Self"}:
        r = t["borrowed_ref"]
        lifetime = f"{r['lifetime']} " if r.get("lifetime") else ""
        return f"&{lifetime}{'mut ' if r['is_mutable'] else ''}self"
    return f"self: {ty(t)}"


def function(name, inner):
    header = inner.get("header", {})
    qualifiers = "".join(q for q, on in (("const ", header.get("is_const")), ("async ", header.get("is_async")), ("unsafe ", header.get("is_unsafe"))) if on)
    g = inner.get("generics", {})
    return f"{qualifiers}fn {name}{generics(g)}{signature(inner['sig'])}{where_clause(g)}"


def member(full, item):
    """A line for an associated item (of a trait or an inherent impl)."""
    kind = kind_of(item)
    inner = item["inner"][kind]
    name = f"{full}::{item['name']}"
    if kind == "function":
        return function(name, inner)
    if kind == "assoc_const":
        return f"const {name}: {ty(inner['type'])}"
    if kind == "assoc_type":
        b = bounds(inner.get("bounds", []))
        return f"type {name}{generics(inner.get('generics', {}))}" + (f": {b}" if b else "") + (f" = {ty(inner['type'])}" if inner.get("type") else "")
    return f"{kind} {name}"


# ---- walking what is public ------------------------------------------------------


def walk(item_id, path, seen):
    item = index.get(str(item_id))
    if item is None or item_id in seen:
        return
    seen = seen | {item_id}
    kind = kind_of(item)
    inner = item["inner"][kind] if isinstance(item["inner"], dict) else {}
    name = item.get("name")
    if kind == "use":
        target = inner.get("id")
        alias = inner.get("name")
        if target is not None and str(target) in index:
            target_item = index[str(target)]
            if inner.get("is_glob"):
                for child in target_item["inner"].get("module", {}).get("items", []):
                    walk(child, path, seen)
                return
            walk_named(target, path + [alias], seen)
        else:
            lines.add(f"reexport {'::'.join(path + [alias])} = {inner.get('source')}")
        return
    walk_named(item_id, path + [name], seen)


def walk_named(item_id, path, seen):
    item = index[str(item_id)]
    public.add(item_id)
    kind = kind_of(item)
    inner = item["inner"][kind] if isinstance(item["inner"], dict) else {}
    full = "::".join(p for p in path if p)
    known = public_path.get(item_id)
    if known is None or (len(full), full) < (len(known), known):
        public_path[item_id] = full
    if kind == "module":
        lines.add(f"mod {full}")
        for child in inner.get("items", []):
            walk(child, path, seen)
        return
    if kind == "function":
        lines.add(function(full, inner))
    elif kind == "constant":
        lines.add(f"const {full}: {ty(inner['type'])}")
    elif kind == "static":
        lines.add(f"static {'mut ' if inner.get('is_mutable') else ''}{full}: {ty(inner['type'])}")
    elif kind == "type_alias":
        lines.add(f"type {full}{generics(inner.get('generics', {}))} = {ty(inner['type'])}")
    elif kind == "struct":
        lines.add(f"struct {full}{generics(inner.get('generics', {}))}{where_clause(inner.get('generics', {}))}")
        struct_kind = inner.get("kind", {})
        if isinstance(struct_kind, dict):
            for field in (struct_kind.get("plain") or {}).get("fields", []) or []:
                field_line(full, field)
            for position, field in enumerate(struct_kind.get("tuple") or []):
                if field is not None:
                    field_line(full, field, str(position))
        inherent(inner.get("impls", []), full)
    elif kind == "enum":
        lines.add(f"enum {full}{generics(inner.get('generics', {}))}{where_clause(inner.get('generics', {}))}")
        for variant_id in inner.get("variants", []):
            variant(full, index[str(variant_id)])
        inherent(inner.get("impls", []), full)
    elif kind == "trait":
        g = inner.get("generics", {})
        supertraits = bounds(inner.get("bounds", []))
        lines.add(f"trait {full}{generics(g)}" + (f": {supertraits}" if supertraits else "") + where_clause(g))
        for member_id in inner.get("items", []):
            lines.add(member(full, index[str(member_id)]))
    else:
        lines.add(f"{kind} {full}")


def field_line(full, field_id, name=None):
    field = index.get(str(field_id))
    if field and field.get("visibility") == "public":
        lines.add(f"field {full}::{name or field['name']}: {ty(field['inner']['struct_field'])}")


def variant(full, item):
    kind = item["inner"]["variant"]["kind"]
    name = f"{full}::{item['name']}"
    if kind == "plain":
        lines.add(f"variant {name}")
    elif "tuple" in kind:
        types = [ty(index[str(f)]["inner"]["struct_field"]) if f is not None else "_" for f in kind["tuple"]]
        lines.add(f"variant {name}({', '.join(types)})")
    elif "struct" in kind:
        fields = [index[str(f)] for f in kind["struct"]["fields"]]
        members = ", ".join(f"{f['name']}: {ty(f['inner']['struct_field'])}" for f in fields)
        lines.add(f"variant {name} {{ {members} }}")


def inherent(impls, full):
    for impl_id in impls:
        impl_item = index.get(str(impl_id))
        if impl_item is None:
            continue
        impl = impl_item["inner"].get("impl", {})
        if impl.get("trait") is not None or impl.get("blanket_impl") is not None:
            continue
        for member_id in impl.get("items", []):
            member_item = index[str(member_id)]
            if member_item.get("visibility") == "public":
                lines.add(member(full, member_item))


def mentioned(node):
    """The ids of the items a rendered type or path names, at any depth."""
    if isinstance(node, dict):
        found = [node["id"]] if "path" in node and "id" in node else []
        return found + [i for value in node.values() for i in mentioned(value)]
    if isinstance(node, list):
        return [i for value in node for i in mentioned(value)]
    return []


def trait_impls():
    """Every trait impl errdsl writes that names a public errdsl item (in
    the type, the trait or their arguments: `From<ErrorResult> for
    tonic::Status` too) and no private one, blanket impls aside."""
    for item in index.values():
        if kind_of(item) != "impl" or item.get("crate_id") != 0:
            continue
        impl = item["inner"]["impl"]
        trait = impl.get("trait")
        if trait is None or impl.get("blanket_impl") is not None:
            continue
        ids = mentioned(trait) + mentioned(impl["for"])
        local = [i for i in ids if str(i) in index and index[str(i)].get("crate_id") == 0]
        if not any(i in public for i in local) or any(i not in public for i in local):
            continue
        negative = "!" if impl.get("is_negative") else ""
        g = impl.get("generics", {})
        lines.add(f"impl{generics(g)} {negative}{path_name(trait)} for {ty(impl['for'])}{where_clause(g)}")


# The first walk learns each item's public path, the second renders with it.
walk(doc["root"], [], frozenset())
lines.clear()
walk(doc["root"], [], frozenset())
trait_impls()
print("\n".join(sorted(lines)))
