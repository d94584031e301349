#!/usr/bin/env python3
"""Lists errdsl's public API from rustdoc's JSON output: one line per item
(`kind path`), sorted, for `scripts/public-api.sh`.

Walks from the crate root through public modules and re-exports: modules,
structs (and their public fields), enums (and variants), traits (and their
items), functions, constants, statics, type aliases, macros, and the
methods and associated constants of inherent impls. Hidden items
(`#[doc(hidden)]`, `__private`) are not in rustdoc's output, trait impls are
left out (they follow from the types and traits listed)."""

import json
import sys

doc = json.load(open(sys.argv[1]))
index = doc["index"]
lines = set()


def kind_of(item):
    inner = item.get("inner", {})
    return next(iter(inner)) if isinstance(inner, dict) and inner else str(inner)


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
    kind = kind_of(item)
    inner = item["inner"][kind] if isinstance(item["inner"], dict) else {}
    full = "::".join(p for p in path if p)
    if kind == "module":
        lines.add(f"mod {full}")
        for child in inner.get("items", []):
            walk(child, path, seen)
        return
    lines.add(f"{kind} {full}")
    if kind == "struct":
        struct_kind = inner.get("kind", {})
        fields = []
        if isinstance(struct_kind, dict):
            plain = struct_kind.get("plain") or {}
            fields = plain.get("fields", []) or []
            fields += [f for f in (struct_kind.get("tuple") or []) if f is not None]
        for field in fields:
            field_item = index.get(str(field))
            if field_item and field_item.get("visibility") == "public":
                lines.add(f"field {full}::{field_item['name']}")
        inherent(inner.get("impls", []), full)
    elif kind == "enum":
        for variant in inner.get("variants", []):
            lines.add(f"variant {full}::{index[str(variant)]['name']}")
        inherent(inner.get("impls", []), full)
    elif kind == "trait":
        for member in inner.get("items", []):
            member_item = index[str(member)]
            lines.add(f"trait_item {full}::{member_item['name']}")


def inherent(impls, full):
    for impl_id in impls:
        impl_item = index.get(str(impl_id))
        if impl_item is None:
            continue
        impl = impl_item["inner"].get("impl", {})
        if impl.get("trait") is not None or impl.get("blanket_impl") is not None:
            continue
        for member in impl.get("items", []):
            member_item = index[str(member)]
            if member_item.get("visibility") == "public":
                lines.add(f"{kind_of(member_item)} {full}::{member_item['name']}")


walk(doc["root"], [], frozenset())
print("\n".join(sorted(lines)))
