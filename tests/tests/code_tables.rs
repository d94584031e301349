//! The code tables, both copies of them:
//!
//! - generated code asks the runtime's tables (`errdsl::Code`): every
//!   declared code, by name and by number, and every error status from 400
//!   to 599, gives methods that agree with the runtime and with the catalog;
//! - the macros keep a compile-time mirror of the tables (a proc-macro crate
//!   cannot depend on the runtime) for their diagnostics only; it is read
//!   here from its source and held to the runtime on every row.

use errdsl::{Catalog, Code, ErrorResult, ServiceError};

/// The macros' mirror, compiled here as it is compiled there.
#[allow(dead_code)]
#[path = "../../errdsl-macros/src/code_table.rs"]
mod mirror;

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum ByName {
    #[error("Cancelled")]
    #[service_error(grpc = Cancelled)]
    Cancelled,
    #[error("Unknown")]
    #[service_error(grpc = Unknown)]
    Unknown,
    #[error("InvalidArgument")]
    #[service_error(grpc = InvalidArgument)]
    InvalidArgument,
    #[error("DeadlineExceeded")]
    #[service_error(grpc = DeadlineExceeded)]
    DeadlineExceeded,
    #[error("NotFound")]
    #[service_error(grpc = NotFound)]
    NotFound,
    #[error("AlreadyExists")]
    #[service_error(grpc = AlreadyExists)]
    AlreadyExists,
    #[error("PermissionDenied")]
    #[service_error(grpc = PermissionDenied)]
    PermissionDenied,
    #[error("ResourceExhausted")]
    #[service_error(grpc = ResourceExhausted)]
    ResourceExhausted,
    #[error("FailedPrecondition")]
    #[service_error(grpc = FailedPrecondition)]
    FailedPrecondition,
    #[error("Aborted")]
    #[service_error(grpc = Aborted)]
    Aborted,
    #[error("OutOfRange")]
    #[service_error(grpc = OutOfRange)]
    OutOfRange,
    #[error("Unimplemented")]
    #[service_error(grpc = Unimplemented)]
    Unimplemented,
    #[error("Internal")]
    #[service_error(grpc = Internal)]
    Internal,
    #[error("Unavailable")]
    #[service_error(grpc = Unavailable)]
    Unavailable,
    #[error("DataLoss")]
    #[service_error(grpc = DataLoss)]
    DataLoss,
    #[error("Unauthenticated")]
    #[service_error(grpc = Unauthenticated)]
    Unauthenticated,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum ByNumber {
    #[error("Cancelled")]
    #[service_error(grpc = 1)]
    Num1,
    #[error("Unknown")]
    #[service_error(grpc = 2)]
    Num2,
    #[error("InvalidArgument")]
    #[service_error(grpc = 3)]
    Num3,
    #[error("DeadlineExceeded")]
    #[service_error(grpc = 4)]
    Num4,
    #[error("NotFound")]
    #[service_error(grpc = 5)]
    Num5,
    #[error("AlreadyExists")]
    #[service_error(grpc = 6)]
    Num6,
    #[error("PermissionDenied")]
    #[service_error(grpc = 7)]
    Num7,
    #[error("ResourceExhausted")]
    #[service_error(grpc = 8)]
    Num8,
    #[error("FailedPrecondition")]
    #[service_error(grpc = 9)]
    Num9,
    #[error("Aborted")]
    #[service_error(grpc = 10)]
    Num10,
    #[error("OutOfRange")]
    #[service_error(grpc = 11)]
    Num11,
    #[error("Unimplemented")]
    #[service_error(grpc = 12)]
    Num12,
    #[error("Internal")]
    #[service_error(grpc = 13)]
    Num13,
    #[error("Unavailable")]
    #[service_error(grpc = 14)]
    Num14,
    #[error("DataLoss")]
    #[service_error(grpc = 15)]
    Num15,
    #[error("Unauthenticated")]
    #[service_error(grpc = 16)]
    Num16,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum ByStatus {
    #[error("400")]
    #[service_error(http = 400)]
    S400,
    #[error("401")]
    #[service_error(http = 401)]
    S401,
    #[error("402")]
    #[service_error(http = 402)]
    S402,
    #[error("403")]
    #[service_error(http = 403)]
    S403,
    #[error("404")]
    #[service_error(http = 404)]
    S404,
    #[error("405")]
    #[service_error(http = 405)]
    S405,
    #[error("406")]
    #[service_error(http = 406)]
    S406,
    #[error("407")]
    #[service_error(http = 407)]
    S407,
    #[error("408")]
    #[service_error(http = 408)]
    S408,
    #[error("409")]
    #[service_error(http = 409)]
    S409,
    #[error("410")]
    #[service_error(http = 410)]
    S410,
    #[error("411")]
    #[service_error(http = 411)]
    S411,
    #[error("412")]
    #[service_error(http = 412)]
    S412,
    #[error("413")]
    #[service_error(http = 413)]
    S413,
    #[error("414")]
    #[service_error(http = 414)]
    S414,
    #[error("415")]
    #[service_error(http = 415)]
    S415,
    #[error("416")]
    #[service_error(http = 416)]
    S416,
    #[error("417")]
    #[service_error(http = 417)]
    S417,
    #[error("418")]
    #[service_error(http = 418)]
    S418,
    #[error("419")]
    #[service_error(http = 419)]
    S419,
    #[error("420")]
    #[service_error(http = 420)]
    S420,
    #[error("421")]
    #[service_error(http = 421)]
    S421,
    #[error("422")]
    #[service_error(http = 422)]
    S422,
    #[error("423")]
    #[service_error(http = 423)]
    S423,
    #[error("424")]
    #[service_error(http = 424)]
    S424,
    #[error("425")]
    #[service_error(http = 425)]
    S425,
    #[error("426")]
    #[service_error(http = 426)]
    S426,
    #[error("427")]
    #[service_error(http = 427)]
    S427,
    #[error("428")]
    #[service_error(http = 428)]
    S428,
    #[error("429")]
    #[service_error(http = 429)]
    S429,
    #[error("430")]
    #[service_error(http = 430)]
    S430,
    #[error("431")]
    #[service_error(http = 431)]
    S431,
    #[error("432")]
    #[service_error(http = 432)]
    S432,
    #[error("433")]
    #[service_error(http = 433)]
    S433,
    #[error("434")]
    #[service_error(http = 434)]
    S434,
    #[error("435")]
    #[service_error(http = 435)]
    S435,
    #[error("436")]
    #[service_error(http = 436)]
    S436,
    #[error("437")]
    #[service_error(http = 437)]
    S437,
    #[error("438")]
    #[service_error(http = 438)]
    S438,
    #[error("439")]
    #[service_error(http = 439)]
    S439,
    #[error("440")]
    #[service_error(http = 440)]
    S440,
    #[error("441")]
    #[service_error(http = 441)]
    S441,
    #[error("442")]
    #[service_error(http = 442)]
    S442,
    #[error("443")]
    #[service_error(http = 443)]
    S443,
    #[error("444")]
    #[service_error(http = 444)]
    S444,
    #[error("445")]
    #[service_error(http = 445)]
    S445,
    #[error("446")]
    #[service_error(http = 446)]
    S446,
    #[error("447")]
    #[service_error(http = 447)]
    S447,
    #[error("448")]
    #[service_error(http = 448)]
    S448,
    #[error("449")]
    #[service_error(http = 449)]
    S449,
    #[error("450")]
    #[service_error(http = 450)]
    S450,
    #[error("451")]
    #[service_error(http = 451)]
    S451,
    #[error("452")]
    #[service_error(http = 452)]
    S452,
    #[error("453")]
    #[service_error(http = 453)]
    S453,
    #[error("454")]
    #[service_error(http = 454)]
    S454,
    #[error("455")]
    #[service_error(http = 455)]
    S455,
    #[error("456")]
    #[service_error(http = 456)]
    S456,
    #[error("457")]
    #[service_error(http = 457)]
    S457,
    #[error("458")]
    #[service_error(http = 458)]
    S458,
    #[error("459")]
    #[service_error(http = 459)]
    S459,
    #[error("460")]
    #[service_error(http = 460)]
    S460,
    #[error("461")]
    #[service_error(http = 461)]
    S461,
    #[error("462")]
    #[service_error(http = 462)]
    S462,
    #[error("463")]
    #[service_error(http = 463)]
    S463,
    #[error("464")]
    #[service_error(http = 464)]
    S464,
    #[error("465")]
    #[service_error(http = 465)]
    S465,
    #[error("466")]
    #[service_error(http = 466)]
    S466,
    #[error("467")]
    #[service_error(http = 467)]
    S467,
    #[error("468")]
    #[service_error(http = 468)]
    S468,
    #[error("469")]
    #[service_error(http = 469)]
    S469,
    #[error("470")]
    #[service_error(http = 470)]
    S470,
    #[error("471")]
    #[service_error(http = 471)]
    S471,
    #[error("472")]
    #[service_error(http = 472)]
    S472,
    #[error("473")]
    #[service_error(http = 473)]
    S473,
    #[error("474")]
    #[service_error(http = 474)]
    S474,
    #[error("475")]
    #[service_error(http = 475)]
    S475,
    #[error("476")]
    #[service_error(http = 476)]
    S476,
    #[error("477")]
    #[service_error(http = 477)]
    S477,
    #[error("478")]
    #[service_error(http = 478)]
    S478,
    #[error("479")]
    #[service_error(http = 479)]
    S479,
    #[error("480")]
    #[service_error(http = 480)]
    S480,
    #[error("481")]
    #[service_error(http = 481)]
    S481,
    #[error("482")]
    #[service_error(http = 482)]
    S482,
    #[error("483")]
    #[service_error(http = 483)]
    S483,
    #[error("484")]
    #[service_error(http = 484)]
    S484,
    #[error("485")]
    #[service_error(http = 485)]
    S485,
    #[error("486")]
    #[service_error(http = 486)]
    S486,
    #[error("487")]
    #[service_error(http = 487)]
    S487,
    #[error("488")]
    #[service_error(http = 488)]
    S488,
    #[error("489")]
    #[service_error(http = 489)]
    S489,
    #[error("490")]
    #[service_error(http = 490)]
    S490,
    #[error("491")]
    #[service_error(http = 491)]
    S491,
    #[error("492")]
    #[service_error(http = 492)]
    S492,
    #[error("493")]
    #[service_error(http = 493)]
    S493,
    #[error("494")]
    #[service_error(http = 494)]
    S494,
    #[error("495")]
    #[service_error(http = 495)]
    S495,
    #[error("496")]
    #[service_error(http = 496)]
    S496,
    #[error("497")]
    #[service_error(http = 497)]
    S497,
    #[error("498")]
    #[service_error(http = 498)]
    S498,
    #[error("499")]
    #[service_error(http = 499)]
    S499,
    #[error("500")]
    #[service_error(http = 500)]
    S500,
    #[error("501")]
    #[service_error(http = 501)]
    S501,
    #[error("502")]
    #[service_error(http = 502)]
    S502,
    #[error("503")]
    #[service_error(http = 503)]
    S503,
    #[error("504")]
    #[service_error(http = 504)]
    S504,
    #[error("505")]
    #[service_error(http = 505)]
    S505,
    #[error("506")]
    #[service_error(http = 506)]
    S506,
    #[error("507")]
    #[service_error(http = 507)]
    S507,
    #[error("508")]
    #[service_error(http = 508)]
    S508,
    #[error("509")]
    #[service_error(http = 509)]
    S509,
    #[error("510")]
    #[service_error(http = 510)]
    S510,
    #[error("511")]
    #[service_error(http = 511)]
    S511,
    #[error("512")]
    #[service_error(http = 512)]
    S512,
    #[error("513")]
    #[service_error(http = 513)]
    S513,
    #[error("514")]
    #[service_error(http = 514)]
    S514,
    #[error("515")]
    #[service_error(http = 515)]
    S515,
    #[error("516")]
    #[service_error(http = 516)]
    S516,
    #[error("517")]
    #[service_error(http = 517)]
    S517,
    #[error("518")]
    #[service_error(http = 518)]
    S518,
    #[error("519")]
    #[service_error(http = 519)]
    S519,
    #[error("520")]
    #[service_error(http = 520)]
    S520,
    #[error("521")]
    #[service_error(http = 521)]
    S521,
    #[error("522")]
    #[service_error(http = 522)]
    S522,
    #[error("523")]
    #[service_error(http = 523)]
    S523,
    #[error("524")]
    #[service_error(http = 524)]
    S524,
    #[error("525")]
    #[service_error(http = 525)]
    S525,
    #[error("526")]
    #[service_error(http = 526)]
    S526,
    #[error("527")]
    #[service_error(http = 527)]
    S527,
    #[error("528")]
    #[service_error(http = 528)]
    S528,
    #[error("529")]
    #[service_error(http = 529)]
    S529,
    #[error("530")]
    #[service_error(http = 530)]
    S530,
    #[error("531")]
    #[service_error(http = 531)]
    S531,
    #[error("532")]
    #[service_error(http = 532)]
    S532,
    #[error("533")]
    #[service_error(http = 533)]
    S533,
    #[error("534")]
    #[service_error(http = 534)]
    S534,
    #[error("535")]
    #[service_error(http = 535)]
    S535,
    #[error("536")]
    #[service_error(http = 536)]
    S536,
    #[error("537")]
    #[service_error(http = 537)]
    S537,
    #[error("538")]
    #[service_error(http = 538)]
    S538,
    #[error("539")]
    #[service_error(http = 539)]
    S539,
    #[error("540")]
    #[service_error(http = 540)]
    S540,
    #[error("541")]
    #[service_error(http = 541)]
    S541,
    #[error("542")]
    #[service_error(http = 542)]
    S542,
    #[error("543")]
    #[service_error(http = 543)]
    S543,
    #[error("544")]
    #[service_error(http = 544)]
    S544,
    #[error("545")]
    #[service_error(http = 545)]
    S545,
    #[error("546")]
    #[service_error(http = 546)]
    S546,
    #[error("547")]
    #[service_error(http = 547)]
    S547,
    #[error("548")]
    #[service_error(http = 548)]
    S548,
    #[error("549")]
    #[service_error(http = 549)]
    S549,
    #[error("550")]
    #[service_error(http = 550)]
    S550,
    #[error("551")]
    #[service_error(http = 551)]
    S551,
    #[error("552")]
    #[service_error(http = 552)]
    S552,
    #[error("553")]
    #[service_error(http = 553)]
    S553,
    #[error("554")]
    #[service_error(http = 554)]
    S554,
    #[error("555")]
    #[service_error(http = 555)]
    S555,
    #[error("556")]
    #[service_error(http = 556)]
    S556,
    #[error("557")]
    #[service_error(http = 557)]
    S557,
    #[error("558")]
    #[service_error(http = 558)]
    S558,
    #[error("559")]
    #[service_error(http = 559)]
    S559,
    #[error("560")]
    #[service_error(http = 560)]
    S560,
    #[error("561")]
    #[service_error(http = 561)]
    S561,
    #[error("562")]
    #[service_error(http = 562)]
    S562,
    #[error("563")]
    #[service_error(http = 563)]
    S563,
    #[error("564")]
    #[service_error(http = 564)]
    S564,
    #[error("565")]
    #[service_error(http = 565)]
    S565,
    #[error("566")]
    #[service_error(http = 566)]
    S566,
    #[error("567")]
    #[service_error(http = 567)]
    S567,
    #[error("568")]
    #[service_error(http = 568)]
    S568,
    #[error("569")]
    #[service_error(http = 569)]
    S569,
    #[error("570")]
    #[service_error(http = 570)]
    S570,
    #[error("571")]
    #[service_error(http = 571)]
    S571,
    #[error("572")]
    #[service_error(http = 572)]
    S572,
    #[error("573")]
    #[service_error(http = 573)]
    S573,
    #[error("574")]
    #[service_error(http = 574)]
    S574,
    #[error("575")]
    #[service_error(http = 575)]
    S575,
    #[error("576")]
    #[service_error(http = 576)]
    S576,
    #[error("577")]
    #[service_error(http = 577)]
    S577,
    #[error("578")]
    #[service_error(http = 578)]
    S578,
    #[error("579")]
    #[service_error(http = 579)]
    S579,
    #[error("580")]
    #[service_error(http = 580)]
    S580,
    #[error("581")]
    #[service_error(http = 581)]
    S581,
    #[error("582")]
    #[service_error(http = 582)]
    S582,
    #[error("583")]
    #[service_error(http = 583)]
    S583,
    #[error("584")]
    #[service_error(http = 584)]
    S584,
    #[error("585")]
    #[service_error(http = 585)]
    S585,
    #[error("586")]
    #[service_error(http = 586)]
    S586,
    #[error("587")]
    #[service_error(http = 587)]
    S587,
    #[error("588")]
    #[service_error(http = 588)]
    S588,
    #[error("589")]
    #[service_error(http = 589)]
    S589,
    #[error("590")]
    #[service_error(http = 590)]
    S590,
    #[error("591")]
    #[service_error(http = 591)]
    S591,
    #[error("592")]
    #[service_error(http = 592)]
    S592,
    #[error("593")]
    #[service_error(http = 593)]
    S593,
    #[error("594")]
    #[service_error(http = 594)]
    S594,
    #[error("595")]
    #[service_error(http = 595)]
    S595,
    #[error("596")]
    #[service_error(http = 596)]
    S596,
    #[error("597")]
    #[service_error(http = 597)]
    S597,
    #[error("598")]
    #[service_error(http = 598)]
    S598,
    #[error("599")]
    #[service_error(http = 599)]
    S599,
}

/// Every error of a catalog, made by decoding its wire name.
fn instances<E: Catalog + TryFrom<ErrorResult, Error = ErrorResult>>() -> Vec<E> {
    E::ERRORS
        .iter()
        .map(|spec| E::try_from(ErrorResult::new(spec.name, spec.code, spec.name)).unwrap())
        .collect()
}

/// The methods of every error agree with its spec.
fn methods_agree_with_specs<E: ServiceError + Catalog + TryFrom<ErrorResult, Error = ErrorResult>>() {
    for (err, spec) in instances::<E>().iter().zip(E::ERRORS) {
        assert_eq!(err.name(), spec.name);
        assert_eq!(err.code(), spec.code, "{}", spec.name);
        assert_eq!(err.http_status().as_u16(), spec.http_status, "{}", spec.name);
    }
}

#[test]
fn codes_by_name_and_number_agree_with_the_runtime_table() {
    assert_eq!(ByName::ERRORS.len(), 16);
    let by_number = instances::<ByNumber>();
    for (i, by_name) in instances::<ByName>().iter().enumerate() {
        let code = Code::from_i32(i32::try_from(i + 1).unwrap()).unwrap();
        assert_eq!(by_name.code(), code);
        assert_eq!(by_number[i].code(), code);
        assert_eq!(by_name.name(), errdsl_case(code.name()));
        assert_eq!(by_name.http_status(), code.http_status(), "{code:?}");
        assert_eq!(by_number[i].http_status(), code.http_status(), "{code:?}");
    }
    methods_agree_with_specs::<ByName>();
    methods_agree_with_specs::<ByNumber>();
}

#[test]
fn every_error_status_maps_like_the_runtime_table() {
    assert_eq!(ByStatus::ERRORS.len(), 200);
    for (err, status) in instances::<ByStatus>().iter().zip(400..600u16) {
        assert_eq!(err.http_status().as_u16(), status);
        assert_eq!(
            err.code(),
            Code::from_http_status(http::StatusCode::from_u16(status).unwrap()),
            "{status}"
        );
    }
    methods_agree_with_specs::<ByStatus>();
}

/// The mirror that drives the macros' diagnostics holds every row of the
/// runtime's tables: numbers, names, statuses, the inverse table, the side
/// each code blames and whether it may be temporary.
#[test]
fn the_macros_mirror_agrees_with_the_runtime() {
    assert_eq!(mirror::ALL.len(), Code::ALL.len());
    for (row, code) in mirror::ALL.iter().zip(Code::ALL) {
        assert_eq!(row.number, i64::from(code.as_i32()));
        assert_eq!(row.name, code.name());
        assert_eq!(row.http, code.http_status().as_u16(), "{code:?}");
        assert_eq!(row.is_server_side(), code.is_server_side(), "{code:?}");
        assert_eq!(row.can_be_temporary(), code.can_be_temporary(), "{code:?}");
    }
    for status in 400..600u16 {
        assert_eq!(
            mirror::Code::from_http(status).name,
            Code::from_http_status(http::StatusCode::from_u16(status).unwrap()).name(),
            "{status}"
        );
    }
}

/// The wire name the derive gives a `PascalCase` variant.
fn errdsl_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The mirror's names of `http::StatusCode`'s error constants are the `http`
/// crate's: each constant, by its name, is the status the mirror gives it.
#[test]
fn status_constant_names_agree_with_the_http_crate() {
    use http::StatusCode;
    let constants: &[(&str, StatusCode)] = &[
        ("BAD_REQUEST", StatusCode::BAD_REQUEST),
        ("UNAUTHORIZED", StatusCode::UNAUTHORIZED),
        ("PAYMENT_REQUIRED", StatusCode::PAYMENT_REQUIRED),
        ("FORBIDDEN", StatusCode::FORBIDDEN),
        ("NOT_FOUND", StatusCode::NOT_FOUND),
        ("METHOD_NOT_ALLOWED", StatusCode::METHOD_NOT_ALLOWED),
        ("NOT_ACCEPTABLE", StatusCode::NOT_ACCEPTABLE),
        ("PROXY_AUTHENTICATION_REQUIRED", StatusCode::PROXY_AUTHENTICATION_REQUIRED),
        ("REQUEST_TIMEOUT", StatusCode::REQUEST_TIMEOUT),
        ("CONFLICT", StatusCode::CONFLICT),
        ("GONE", StatusCode::GONE),
        ("LENGTH_REQUIRED", StatusCode::LENGTH_REQUIRED),
        ("PRECONDITION_FAILED", StatusCode::PRECONDITION_FAILED),
        ("PAYLOAD_TOO_LARGE", StatusCode::PAYLOAD_TOO_LARGE),
        ("URI_TOO_LONG", StatusCode::URI_TOO_LONG),
        ("UNSUPPORTED_MEDIA_TYPE", StatusCode::UNSUPPORTED_MEDIA_TYPE),
        ("RANGE_NOT_SATISFIABLE", StatusCode::RANGE_NOT_SATISFIABLE),
        ("EXPECTATION_FAILED", StatusCode::EXPECTATION_FAILED),
        ("IM_A_TEAPOT", StatusCode::IM_A_TEAPOT),
        ("MISDIRECTED_REQUEST", StatusCode::MISDIRECTED_REQUEST),
        ("UNPROCESSABLE_ENTITY", StatusCode::UNPROCESSABLE_ENTITY),
        ("LOCKED", StatusCode::LOCKED),
        ("FAILED_DEPENDENCY", StatusCode::FAILED_DEPENDENCY),
        ("TOO_EARLY", StatusCode::TOO_EARLY),
        ("UPGRADE_REQUIRED", StatusCode::UPGRADE_REQUIRED),
        ("PRECONDITION_REQUIRED", StatusCode::PRECONDITION_REQUIRED),
        ("TOO_MANY_REQUESTS", StatusCode::TOO_MANY_REQUESTS),
        ("REQUEST_HEADER_FIELDS_TOO_LARGE", StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE),
        ("UNAVAILABLE_FOR_LEGAL_REASONS", StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS),
        ("INTERNAL_SERVER_ERROR", StatusCode::INTERNAL_SERVER_ERROR),
        ("NOT_IMPLEMENTED", StatusCode::NOT_IMPLEMENTED),
        ("BAD_GATEWAY", StatusCode::BAD_GATEWAY),
        ("SERVICE_UNAVAILABLE", StatusCode::SERVICE_UNAVAILABLE),
        ("GATEWAY_TIMEOUT", StatusCode::GATEWAY_TIMEOUT),
        ("HTTP_VERSION_NOT_SUPPORTED", StatusCode::HTTP_VERSION_NOT_SUPPORTED),
        ("VARIANT_ALSO_NEGOTIATES", StatusCode::VARIANT_ALSO_NEGOTIATES),
        ("INSUFFICIENT_STORAGE", StatusCode::INSUFFICIENT_STORAGE),
        ("LOOP_DETECTED", StatusCode::LOOP_DETECTED),
        ("NOT_EXTENDED", StatusCode::NOT_EXTENDED),
        ("NETWORK_AUTHENTICATION_REQUIRED", StatusCode::NETWORK_AUTHENTICATION_REQUIRED),
    ];
    let mirrored: Vec<(&str, u16)> = mirror::HTTP_STATUS_NAMES.to_vec();
    let expected: Vec<(&str, u16)> =
        constants.iter().map(|&(name, status)| (name, status.as_u16())).collect();
    assert_eq!(mirrored, expected);
    // Every 4xx and 5xx status the `http` crate names is in the mirror.
    let named = (400..600).filter(|&n| StatusCode::from_u16(n).is_ok_and(|s| s.canonical_reason().is_some()));
    assert_eq!(named.count(), mirrored.len());
}
