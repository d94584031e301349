//! Field violations round-trip: any list of them, and any garde or
//! validator report, through every transport (Goa's body, problem+json,
//! a `tonic::Status`, a `ConnectError`) and back into the declared variant
//! that carries them, for `errors!` and for the derive.

use std::borrow::Cow;

use errdsl::axum::RequestError;
use errdsl::{FieldViolation, FieldViolations, ServiceError};
use errdsl_tests::through_every_transport;
use proptest::prelude::*;

/// A form error declared with the derive, beside thiserror.
#[derive(Debug, PartialEq, thiserror::Error, errdsl::ServiceError)]
enum FormError {
    #[error("the form has {violations}")]
    #[service_error(grpc = InvalidArgument, user_msg = "Fix the marked fields.")]
    InvalidForm {
        #[service_error(violations)]
        violations: FieldViolations,
        #[service_error(wire)]
        form: String,
    },
}

/// A path as garde and validator write them: names and indexes.
fn path_steps() -> impl Strategy<Value = Vec<Result<String, usize>>> {
    let step = prop_oneof!["[a-z][a-z0-9_]{0,6}".prop_map(Ok), (0usize..12).prop_map(Err)];
    prop::collection::vec(step, 1..4)
}

fn aip_path(steps: &[Result<String, usize>]) -> String {
    let mut path = String::new();
    for step in steps {
        match step {
            Ok(name) if path.is_empty() => path.push_str(name),
            Ok(name) => path.push_str(&format!(".{name}")),
            Err(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

fn violation() -> impl Strategy<Value = FieldViolation> {
    (path_steps(), "\\PC{1,40}", proptest::option::of("[A-Z][A-Z0-9_]{0,12}")).prop_map(
        |(steps, description, reason)| {
            let violation = FieldViolation::new(aip_path(&steps), description);
            match reason {
                Some(reason) => violation.with_reason(reason),
                None => violation,
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_violations_round_trip_into_the_declared_variants(
        violations in prop::collection::vec(violation(), 0..8),
        form in "[a-z]{1,8}",
    ) {
        let violations = FieldViolations::from(violations);
        let request_error = RequestError::invalid_fields(violations.clone());
        for (transport, back) in through_every_transport(&request_error) {
            prop_assert_eq!(back.name(), "invalid_fields", "{}", transport);
            prop_assert_eq!(back.field_violations(), &violations[..], "{}", transport);
            match RequestError::try_from(back) {
                Ok(RequestError::InvalidFields { violations: decoded }) => prop_assert_eq!(&decoded, &violations),
                other => prop_assert!(false, "{}: decoded {:?}", transport, other),
            }
        }
        let derived = FormError::InvalidForm { violations: violations.clone(), form: form.clone() };
        for (transport, back) in through_every_transport(&derived) {
            prop_assert_eq!(
                FormError::try_from(back).ok(),
                Some(FormError::InvalidForm { violations: violations.clone(), form: form.clone() }),
                "{}", transport
            );
        }
    }

    #[test]
    fn any_garde_report_round_trips(entries in prop::collection::vec((path_steps(), "\\PC{1,30}"), 1..8)) {
        let mut report = garde::Report::new();
        for (steps, message) in &entries {
            let mut path = garde::Path::empty();
            for step in steps {
                path = match step {
                    Ok(name) => path.join(name.clone()),
                    Err(index) => path.join(*index),
                };
            }
            report.append(path, garde::Error::new(message.clone()));
        }
        let violations = FieldViolations::from(report);
        let expected: Vec<(String, &str)> =
            entries.iter().map(|(steps, message)| (aip_path(steps), message.as_str())).collect();
        let got: Vec<(String, &str)> =
            violations.iter().map(|v| (v.field().to_owned(), v.description())).collect();
        prop_assert_eq!(got, expected);

        let err = RequestError::invalid_fields(violations.clone());
        for (transport, back) in through_every_transport(&err) {
            prop_assert_eq!(back.field_violations(), &violations[..], "{}", transport);
        }
    }

    #[test]
    fn any_validator_report_round_trips(
        // Names start before `z`, so that `zz_items` sorts after every one.
        fields in prop::collection::btree_map("[a-y][a-z0-9_]{0,6}", prop::collection::vec(("[a-z_]{1,10}", proptest::option::of("\\PC{1,20}")), 1..3), 1..5),
        nested in proptest::option::of((0usize..5, "[a-z]{1,6}")),
    ) {
        let mut errors = validator::ValidationErrors::new();
        let mut expected = Vec::new();
        for (field, list) in &fields {
            let list: Vec<validator::ValidationError> = list
                .iter()
                .map(|(code, message)| {
                    let mut error = validator::ValidationError::new("placeholder");
                    error.code = Cow::Owned(code.clone());
                    error.message = message.clone().map(Cow::Owned);
                    error
                })
                .collect();
            for error in &list {
                expected.push((field.clone(), error.code.to_uppercase(), error.message.as_deref().map(str::to_owned)));
            }
            errors.errors_mut().insert(Cow::Owned(field.clone()), validator::ValidationErrorsKind::Field(list));
        }
        if let Some((index, member)) = &nested {
            let mut item = validator::ValidationErrors::new();
            item.errors_mut().insert(Cow::Owned(member.clone()), validator::ValidationErrorsKind::Field(vec![validator::ValidationError::new("length")]));
            errors.errors_mut().insert("zz_items".into(), validator::ValidationErrorsKind::List([(*index, Box::new(item))].into()));
            expected.push((format!("zz_items[{index}].{member}"), "LENGTH".to_owned(), None));
        }
        let violations = FieldViolations::from(errors);
        prop_assert_eq!(violations.len(), expected.len());
        for (violation, (field, reason, message)) in violations.iter().zip(&expected) {
            prop_assert_eq!(violation.field(), field);
            prop_assert_eq!(violation.reason(), Some(reason.as_str()));
            if let Some(message) = message {
                prop_assert_eq!(violation.description(), message);
            } else {
                prop_assert!(violation.description().starts_with("fails the "), "{}", violation.description());
            }
        }
        let err = RequestError::invalid_fields(violations.clone());
        for (transport, back) in through_every_transport(&err) {
            prop_assert_eq!(back.field_violations(), &violations[..], "{}", transport);
        }
    }
}
