//! Task resources: optimized integrations, AWS SDK integrations, activities, Lambda ARNs.

use std::fmt;

/// How a Task waits for its integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntegrationPattern {
    /// Call the service and go on (no suffix).
    RequestResponse,
    /// `.sync`: run a job and wait for it.
    Sync,
    /// `.sync:2`: like `.sync`, with JSON output (`states:startExecution`).
    Sync2,
    /// `.waitForTaskToken`: wait for `SendTaskSuccess`/`SendTaskFailure` with the token.
    WaitForTaskToken,
}

impl IntegrationPattern {
    /// The resource suffix, `""`, `.sync`, `.sync:2` or `.waitForTaskToken`.
    pub fn suffix(self) -> &'static str {
        match self {
            IntegrationPattern::RequestResponse => "",
            IntegrationPattern::Sync => ".sync",
            IntegrationPattern::Sync2 => ".sync:2",
            IntegrationPattern::WaitForTaskToken => ".waitForTaskToken",
        }
    }
}

/// What a `Resource` string names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    /// An optimized integration, `arn:aws:states:::sns:publish` or
    /// `arn:aws:states:::lambda:invoke.waitForTaskToken`. HTTP tasks are
    /// `service: "http"`, `action: "invoke"`.
    Service {
        /// `sns`, `lambda`, `states`, `http`, ...
        service: String,
        /// `publish`, `invoke`, `startExecution`, ...
        action: String,
        /// The suffix.
        pattern: IntegrationPattern,
    },
    /// An AWS SDK integration, `arn:aws:states:::aws-sdk:s3:getObject`.
    Sdk {
        /// The SDK service name, `s3`.
        service: String,
        /// The API action, `getObject`.
        action: String,
        /// The suffix.
        pattern: IntegrationPattern,
    },
    /// An activity, `arn:aws:states:us-east-1:123456789012:activity:Name`.
    Activity {
        /// The activity's name.
        name: String,
    },
    /// A Lambda function called directly by its ARN (the legacy form).
    LambdaFunction {
        /// The function's name.
        name: String,
    },
    /// `${Name}`: a DefinitionSubstitutions placeholder for the whole resource.
    Substitution(String),
    /// Any other ARN (another partition's or a future integration's); or a string with
    /// placeholders inside it. Accepted as written.
    Other,
    /// Not an ARN at all.
    Invalid,
}

/// A Task's `Resource`: the text as written and what it names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Resource {
    text: String,
    kind: ResourceKind,
}

impl Resource {
    /// Reads a resource string.
    pub fn new(text: impl Into<String>) -> Resource {
        let text = text.into();
        let kind = classify(&text);
        Resource { text, kind }
    }

    /// An optimized integration in the `aws` partition, e.g.
    /// `Resource::service("lambda", "invoke", IntegrationPattern::WaitForTaskToken)`.
    pub fn service(service: &str, action: &str, pattern: IntegrationPattern) -> Resource {
        Resource::new(format!(
            "arn:aws:states:::{service}:{action}{}",
            pattern.suffix()
        ))
    }

    /// The resource as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// What the resource names.
    pub fn kind(&self) -> &ResourceKind {
        &self.kind
    }

    /// The integration pattern; activities and Lambda ARNs are request-response.
    pub fn pattern(&self) -> IntegrationPattern {
        match &self.kind {
            ResourceKind::Service { pattern, .. } | ResourceKind::Sdk { pattern, .. } => *pattern,
            _ => IntegrationPattern::RequestResponse,
        }
    }

    /// Whether the task waits for a task token.
    pub fn is_callback(&self) -> bool {
        self.pattern() == IntegrationPattern::WaitForTaskToken
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn classify(text: &str) -> ResourceKind {
    if has_unterminated_placeholder(text) {
        return ResourceKind::Invalid;
    }
    if let Some(name) = text.strip_prefix("${").and_then(|t| t.strip_suffix('}'))
        && !name.is_empty()
        && !name.contains(['{', '}'])
    {
        return ResourceKind::Substitution(name.to_owned());
    }
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    if parts.len() < 6 || parts[0] != "arn" || parts[1].is_empty() {
        if text.contains("${") {
            return ResourceKind::Other;
        }
        return ResourceKind::Invalid;
    }
    let (service, region, account, rest) = (parts[2], parts[3], parts[4], parts[5]);
    match service {
        "states" if region.is_empty() && account.is_empty() => classify_integration(rest),
        "states" => match rest.strip_prefix("activity:") {
            Some(name) => ResourceKind::Activity {
                name: name.to_owned(),
            },
            None => ResourceKind::Other,
        },
        "lambda" => match rest.strip_prefix("function:") {
            Some(name) => ResourceKind::LambdaFunction {
                name: name.to_owned(),
            },
            None => ResourceKind::Other,
        },
        _ => ResourceKind::Other,
    }
}

fn classify_integration(rest: &str) -> ResourceKind {
    let (body, pattern) = split_pattern(rest);
    if let Some(sdk) = body.strip_prefix("aws-sdk:") {
        return match sdk.split_once(':') {
            Some((service, action)) if !service.is_empty() && !action.is_empty() => {
                ResourceKind::Sdk {
                    service: service.to_owned(),
                    action: action.to_owned(),
                    pattern,
                }
            }
            _ => ResourceKind::Invalid,
        };
    }
    match body.split_once(':') {
        Some((service, action))
            if !service.is_empty() && !action.is_empty() && !action.contains(':') =>
        {
            ResourceKind::Service {
                service: service.to_owned(),
                action: action.to_owned(),
                pattern,
            }
        }
        _ => ResourceKind::Invalid,
    }
}

fn split_pattern(rest: &str) -> (&str, IntegrationPattern) {
    for pattern in [
        IntegrationPattern::WaitForTaskToken,
        IntegrationPattern::Sync2,
        IntegrationPattern::Sync,
    ] {
        if let Some(body) = rest.strip_suffix(pattern.suffix()) {
            return (body, pattern);
        }
    }
    (rest, IntegrationPattern::RequestResponse)
}

/// Whether a `${` placeholder is never closed: such a string is not a template that
/// DefinitionSubstitutions could fill.
fn has_unterminated_placeholder(text: &str) -> bool {
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        match rest[start..].find('}') {
            Some(end) => rest = &rest[start + end + 1..],
            None => return true,
        }
    }
    false
}
