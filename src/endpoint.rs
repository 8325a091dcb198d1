//! EC2 endpoint resolution: EC2's endpoint rule set and the AWS partition table, by hand.
//!
//! Sources (copies in `tests/vectors/endpoints/`, see its `SOURCES.md`): botocore's
//! `ec2/2016-11-15/endpoint-rule-set-1.json` for the rules and error strings, and
//! `partitions.json` for the partitions. The 54 official cases in `endpoint-tests-1.json` run in
//! `tests/endpoints.rs`.
//!
//! Two checks go beyond the rule set, because this client signs with the caller's credentials and
//! must never be steered to a host nobody meant: the region must be a valid host label
//! (`isValidHostLabel` without subdomains, RFC 1123), and a custom endpoint must be a plain
//! `http(s)://host[:port][/path]` URL with nothing a URL parser could read differently from us.

use crate::{Error, Result};

/// Inputs of EC2's endpoint rule set.
#[derive(Debug, Clone, Default)]
pub struct EndpointParams<'a> {
    /// `Region` (`AWS::Region`), e.g. `us-east-1`; must be a valid host label when set.
    pub region: Option<&'a str>,
    /// `UseFIPS` (`AWS::UseFIPS`): send to the FIPS endpoint.
    pub use_fips: bool,
    /// `UseDualStack` (`AWS::UseDualStack`): send to the IPv4/IPv6 endpoint.
    pub use_dual_stack: bool,
    /// `Endpoint` (`SDK::Endpoint`): a custom `http://` or `https://` URL used instead.
    pub endpoint: Option<&'a str>,
}

/// Where to send the request and how to sign it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedEndpoint {
    /// Base URL without a trailing `/`; the request path is appended to it.
    pub url: String,
    /// SigV4 region: the configured region. Empty only for a custom endpoint with no region,
    /// which the rule set allows and the signer then rejects.
    pub signing_region: String,
    /// SigV4 service name, always `ec2`.
    pub signing_name: &'static str,
}

/// One row of `partitions.json`.
struct Partition {
    name: &'static str,
    /// `regionRegex` is `^(P1|P2|…)\-\w+\-\d+$`; these are the literal `P`s.
    prefixes: &'static [&'static str],
    /// Entries of `regions` that `regionRegex` does not match; the others change nothing, since
    /// each matches its own partition's regex and no other (the tests check this on the JSON).
    explicit: &'static [&'static str],
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
    supports_fips: bool,
    supports_dual_stack: bool,
}

/// `partitions.json` in file order, which is the order `aws.partition` tries the regexes in.
const PARTITIONS: &[Partition] = &[
    Partition {
        name: "aws",
        prefixes: &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
        explicit: &["aws-global"],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        name: "aws-cn",
        prefixes: &["cn"],
        explicit: &["aws-cn-global"],
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        name: "aws-eusc",
        prefixes: &["eusc-de"],
        explicit: &[],
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        name: "aws-iso",
        prefixes: &["us-iso"],
        explicit: &["aws-iso-global"],
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        name: "aws-iso-b",
        prefixes: &["us-isob"],
        explicit: &["aws-iso-b-global"],
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        name: "aws-iso-e",
        prefixes: &["eu-isoe"],
        explicit: &["aws-iso-e-global"],
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        name: "aws-iso-f",
        prefixes: &["us-isof"],
        explicit: &["aws-iso-f-global"],
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        name: "aws-us-gov",
        prefixes: &["us-gov"],
        explicit: &["aws-us-gov-global"],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
    },
];

/// Resolves EC2's endpoint for `params`, following the rule set branch by branch.
///
/// Errors are [`crate::ErrorKind::InvalidConfig`] with the rule set's own message or, for input
/// the rule set would pass through unchecked, one naming the region or the part of the endpoint
/// that is wrong (never quoting the endpoint, which could hold a password).
pub fn resolve(params: &EndpointParams<'_>) -> Result<ResolvedEndpoint> {
    let region = params.region;
    if let Some(r) = region {
        if !is_valid_host_label(r) {
            return Err(config(format!(
                "Invalid Configuration: Region {} is not a valid host label",
                crate::text::quote(clip(r))
            )));
        }
    }
    let done = |url: String| {
        Ok(ResolvedEndpoint {
            url,
            signing_region: region.unwrap_or("").to_owned(),
            signing_name: "ec2",
        })
    };

    if let Some(endpoint) = params.endpoint {
        if params.use_fips {
            return Err(config(
                "Invalid Configuration: FIPS and custom endpoint are not supported",
            ));
        }
        if params.use_dual_stack {
            return Err(config(
                "Invalid Configuration: Dualstack and custom endpoint are not supported",
            ));
        }
        return done(custom_endpoint(endpoint)?);
    }

    let Some(region) = region else {
        return Err(config("Invalid Configuration: Missing Region"));
    };
    let p = partition(region);
    let url = match (params.use_fips, params.use_dual_stack) {
        (true, true) if p.supports_fips && p.supports_dual_stack => {
            format!("https://ec2-fips.{region}.{}", p.dual_stack_dns_suffix)
        }
        (true, true) => {
            return Err(config(
                "FIPS and DualStack are enabled, but this partition does not support one or both",
            ))
        }
        // The rule set sends FIPS traffic in GovCloud to the regular `ec2.` host, hard-coded.
        (true, false) if p.supports_fips && p.name == "aws-us-gov" => {
            format!("https://ec2.{region}.amazonaws.com")
        }
        (true, false) if p.supports_fips => format!("https://ec2-fips.{region}.{}", p.dns_suffix),
        (true, false) => {
            return Err(config(
                "FIPS is enabled but this partition does not support FIPS",
            ))
        }
        (false, true) if p.supports_dual_stack => {
            format!("https://ec2.{region}.{}", p.dual_stack_dns_suffix)
        }
        (false, true) => {
            return Err(config(
                "DualStack is enabled but this partition does not support DualStack",
            ))
        }
        (false, false) => format!("https://ec2.{region}.{}", p.dns_suffix),
    };
    done(url)
}

fn config(message: impl Into<String>) -> Error {
    Error::invalid_config(message)
}

/// The rule set's `aws.partition`: an explicit `regions` entry wins, then the first matching
/// `regionRegex`, then `aws` for any other name.
fn partition(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| p.explicit.contains(&region))
        .or_else(|| {
            PARTITIONS.iter().find(|p| {
                p.prefixes
                    .iter()
                    .any(|pre| matches_region_regex(pre, region))
            })
        })
        .unwrap_or(&PARTITIONS[0])
}

/// `^PREFIX\-\w+\-\d+$` without a regex engine: `\w` never matches `-`, so the tail has
/// exactly one `-`. The region is already a valid host label, which leaves `\w` letters and digits.
fn matches_region_regex(prefix: &str, region: &str) -> bool {
    let Some(rest) = region
        .strip_prefix(prefix)
        .and_then(|r| r.strip_prefix('-'))
    else {
        return false;
    };
    let Some((word, digits)) = rest.split_once('-') else {
        return false;
    };
    !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_alphanumeric())
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `isValidHostLabel(value, false)`: 1–63 ASCII letters, digits and `-`, not starting or ending
/// with `-` (RFC 1123). Nothing that adds a dot, port, path or userinfo to the URL passes.
fn is_valid_host_label(s: &str) -> bool {
    (1..=63).contains(&s.len())
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// At most 64 characters of untrusted text for an error message.
fn clip(s: &str) -> &str {
    s.char_indices().nth(64).map_or(s, |(i, _)| &s[..i])
}

/// The error for a refused custom endpoint (never quoting it). Out of line: one copy of the message
/// assembly instead of one per check in `custom_endpoint`.
#[cold]
#[inline(never)]
fn bad_custom_endpoint(why: &str) -> Error {
    config(format!("Invalid Configuration: Endpoint {why}"))
}

/// Checks a custom endpoint and returns it as given, minus trailing `/`s.
///
/// Only what every URL parser reads the same way passes (the WHATWG parser behind `fetch` treats
/// `\` as `/`, drops tabs and newlines, and percent-decodes hosts): printable ASCII without `\`, a
/// host of letters, digits, `.`, `-` and `_` or a bracketed IPv6 address, an optional numeric port,
/// and no userinfo, query or fragment.
fn custom_endpoint(url: &str) -> Result<String> {
    let bad = |why: &str| Err(bad_custom_endpoint(why));
    let scheme_len = if has_prefix_ignore_case(url, "https://") {
        8
    } else if has_prefix_ignore_case(url, "http://") {
        7
    } else {
        return bad("must be an absolute http:// or https:// URL");
    };
    if !url.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') {
        return bad(
            "must not contain spaces, control characters, backslashes or non-ASCII characters",
        );
    }
    let rest = &url[scheme_len..];
    let (authority, tail) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    if authority.contains('@') {
        return bad("must not contain userinfo (user@host)");
    }
    if tail.contains('#') {
        return bad("must not have a fragment");
    }
    if tail.contains('?') {
        return bad("must not have a query string");
    }
    // A bracketed IPv6 address or a name, then nothing or `:port`.
    let (host, port, host_byte): (&str, &str, fn(u8) -> bool) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (addr, port) = v6.split_once(']').unwrap_or(("", ""));
            // The brackets must hold a real IPv6 address, as fetch's URL parser requires.
            if !crate::text::is_ipv6(addr) {
                return bad("must have a host that is a DNS name or an IP address");
            }
            (addr, port, |b| {
                b.is_ascii_hexdigit() || b == b':' || b == b'.'
            })
        }
        None => {
            let (name, port) = authority.split_at(authority.find(':').unwrap_or(authority.len()));
            (name, port, |b| {
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')
            })
        }
    };
    if host.is_empty() || !host.bytes().all(host_byte) {
        return bad("must have a host that is a DNS name or an IP address");
    }
    if !port.is_empty()
        && !port
            .strip_prefix(':')
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok())
    {
        return bad("must have a port from 0 to 65535 after ':'");
    }
    Ok(url.trim_end_matches('/').to_owned())
}

fn has_prefix_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}
