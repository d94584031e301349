// A TypeScript client of the divider, typed from its /openapi.json alone:
// openapi-typescript writes schema.d.ts from the document, openapi-fetch
// makes the calls, and `tsc --strict` (tsconfig.json) compiles this file.
// Every error an operation documents is narrowed by its `name` and its
// fields are read with no `!` and no cast: the switch in `describe` lists
// each error once, and `never` makes tsc fail if the document ever has an
// error the switch does not handle.
//
// Run by examples/tests/e2e_openapi_typescript.rs, as
// `node out/client.js <divider URL> <maintenance divider URL>`: it makes
// each call below and prints one JSON line per call, `{label, status,
// format, name, fields}`, which the test compares with what the divider
// sent.

import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

const [base, maintenanceBase] = process.argv.slice(2);
if (base === undefined || maintenanceBase === undefined) {
    throw new Error("usage: node out/client.js <divider URL> <maintenance divider URL>");
}
const divider = createClient<paths>({ baseUrl: base });
const maintenance = createClient<paths>({ baseUrl: maintenanceBase });

/** The error body of each operation, as openapi-fetch types it. */
type IntegerDivideError = NonNullable<Awaited<ReturnType<typeof integerDivide>>["error"]>;
type DivideError = NonNullable<Awaited<ReturnType<typeof divide>>["error"]>;

function integerDivide(client: typeof divider, a: number, b: number, headers: Record<string, string> = {}) {
    return client.GET("/idiv/{a}/{b}", { params: { path: { a, b } }, headers });
}

function divide(a: number, b: number) {
    return divider.GET("/div/{a}/{b}", { params: { path: { a, b } } });
}

/** A float field: a number, or one of the three texts JSON writes for the
 * floats it has no number for. */
type Float = number | "NaN" | "Infinity" | "-Infinity";

/** What a test compares: the fields each error carries, read by type. */
type Fields = Record<string, string | number | boolean | Float | string[]>;

/** The fields of `error`, read through its narrowed type. */
function describe(error: IntegerDivideError | DivideError): { name: string; fields: Fields } {
    switch (error.name) {
        case "div_by_zero": {
            const dividend: Float = error.fields.dividend;
            return { name: error.name, fields: { dividend } };
        }
        case "has_remainder": {
            const { dividend, divisor, remainder }: { dividend: number; divisor: number; remainder: number } =
                error.fields;
            return { name: error.name, fields: { dividend, divisor, remainder } };
        }
        case "divisor_too_large": {
            // In Goa's format, a Goa custom error type: its attributes at
            // the top level; in problem+json, the fields as for any error.
            const { divisor, limit }: { divisor: number; limit: number } = "detail" in error ? error.fields : error;
            return { name: error.name, fields: { divisor, limit } };
        }
        case "not_finite": {
            const dividend: Float = error.fields.dividend;
            const divisor: Float = error.fields.divisor;
            return { name: error.name, fields: { dividend, divisor } };
        }
        case "timeout": {
            const deadline: number = error.fields.deadline_ms;
            return { name: error.name, fields: { deadline_ms: deadline } };
        }
        case "decode_payload":
            return { name: error.name, fields: { format: error.fields.format, problem: error.fields.problem } };
        case "missing_field":
            return { name: error.name, fields: { field: error.fields.field } };
        case "invalid_field_type":
            return { name: error.name, fields: { expected: error.fields.expected, field: error.fields.field } };
        case "invalid_fields": {
            // Sent when there are any.
            const violations = ("detail" in error ? error.errors : error.field_violations) ?? [];
            return { name: error.name, fields: { violations: violations.map((violation) => violation.field) } };
        }
        case "unsupported_media_type":
            return { name: error.name, fields: { expected: error.fields.expected } };
        case "not_found":
            return { name: error.name, fields: { path: error.fields.path } };
        case "method_not_allowed":
            return { name: error.name, fields: { method: error.fields.method } };
        case "unauthenticated":
        case "maintenance":
        case "missing_payload":
        case "payload_too_large":
        case "route_mismatch":
        case "overflow": {
            const code: string = error.code;
            return { name: error.name, fields: { code } };
        }
        default: {
            const unhandled: never = error;
            throw new Error(`an error the document does not declare: ${JSON.stringify(unhandled)}`);
        }
    }
}

/** One call and its error, as the test reads it. */
async function call(
    label: string,
    made: Promise<{ error?: IntegerDivideError | DivideError; response: Response }>,
): Promise<void> {
    const { error, response } = await made;
    if (error === undefined) {
        throw new Error(`${label}: no error (HTTP ${response.status})`);
    }
    const format = "detail" in error ? "problem" : "goa";
    console.log(JSON.stringify({ label, status: response.status, format, ...describe(error) }));
}

await call("div_by_zero", integerDivide(divider, 7, 0));
await call("has_remainder", integerDivide(divider, 7, 2));
await call("overflow", integerDivide(divider, -2147483648, -1));
await call("divisor_too_large", integerDivide(divider, 7, 2000000));
await call("unauthenticated", integerDivide(divider, 8, 2, { authorization: "Bearer not-the-demo-token" }));
const problem = { accept: "application/problem+json" };
await call("has_remainder_problem", integerDivide(divider, 7, 2, problem));
await call("divisor_too_large_problem", integerDivide(divider, 7, 2000000, problem));
await call("maintenance", integerDivide(maintenance, 8, 2));
await call("div_by_zero_json", divider.POST("/idiv", { body: { a: 7, b: 0 } }));
await call("not_finite_infinity", divide(Infinity, 2));
await call("not_finite_overflow", divide(1e308, 1e-308));
await call("timeout", divide(999999, 3));
await call("div_by_zero_query", divider.GET("/div", { params: { query: { a: 7, b: 0 } } }));
await call(
    "div_by_zero_form",
    divider.POST("/div", {
        body: { a: 7, b: 0 },
        bodySerializer: (body) => new URLSearchParams({ a: String(body.a), b: String(body.b) }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
);
