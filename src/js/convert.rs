//! JS values to model types and back. Every conversion happens here, inside an exported function that
//! returns `Result`, never in the ABI (a failed ABI conversion would trap).

use crate::model::{
    CreateSnapshotInput, ServiceError, Snapshot, SnapshotLocation, Tag, TagSpecification,
};
use crate::xml::ErrorBody;
use crate::{Error, Result};
use js_sys::{Array, Date, JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn type_name(v: &JsValue) -> &'static str {
    if v.is_null() {
        "null"
    } else if v.is_undefined() {
        "undefined"
    } else if v.is_string() {
        "string"
    } else if v.as_f64().is_some() {
        "number"
    } else if v.as_bool().is_some() {
        "boolean"
    } else if Array::is_array(v) {
        "array"
    } else if v.is_function() {
        "function"
    } else if v.is_bigint() {
        "bigint"
    } else if v.is_symbol() {
        "symbol"
    } else {
        "object"
    }
}

fn get(obj: &JsValue, key: &str) -> Result<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key))
        .map_err(|_| Error::invalid_input(key, "could not be read (a getter threw)"))
}

/// `null`/`undefined` count as absent, as in the AWS SDK.
fn absent(v: &JsValue) -> bool {
    v.is_null() || v.is_undefined()
}

fn string(v: &JsValue, field: &dyn Fn() -> String) -> Result<String> {
    match v.dyn_ref::<JsString>() {
        Some(s) if s.is_valid_utf16() => Ok(String::from(s)),
        Some(_) => Err(Error::invalid_input(
            &field(),
            "must be well-formed Unicode (it contains a lone surrogate)",
        )),
        None => Err(Error::invalid_input(
            &field(),
            format_args!("must be a string, got {}", type_name(v)),
        )),
    }
}

fn opt_string(obj: &JsValue, key: &str, path: &dyn Fn() -> String) -> Result<Option<String>> {
    let v = get(obj, key)?;
    if absent(&v) {
        return Ok(None);
    }
    string(&v, &|| format!("{}{key}", path())).map(Some)
}

fn array(v: &JsValue, field: &dyn Fn() -> String) -> Result<Array> {
    if Array::is_array(v) {
        Ok(v.clone().unchecked_into())
    } else {
        Err(Error::invalid_input(
            &field(),
            format_args!("must be an array, got {}", type_name(v)),
        ))
    }
}

fn object(v: &JsValue, field: &dyn Fn() -> String) -> Result<()> {
    if v.is_object() && !Array::is_array(v) && !v.is_function() {
        Ok(())
    } else {
        Err(Error::invalid_input(
            &field(),
            format_args!("must be an object, got {}", type_name(v)),
        ))
    }
}

/// Reads a `CreateSnapshotCommand` input with the AWS SDK's member names, checking every type.
pub fn input_from_js(v: &JsValue) -> Result<CreateSnapshotInput> {
    if !v.is_object() || Array::is_array(v) {
        return Err(Error::invalid_input(
            "input",
            format_args!("must be an object, got {}", type_name(v)),
        ));
    }
    let root = || String::new();
    let volume = get(v, "VolumeId")?;
    if absent(&volume) {
        return Err(Error::invalid_input("VolumeId", "is required"));
    }
    let volume_id = string(&volume, &|| "VolumeId".into())?;
    let description = opt_string(v, "Description", &root)?;
    let outpost_arn = opt_string(v, "OutpostArn", &root)?;
    let location = opt_string(v, "Location", &root)?.map(|l| SnapshotLocation::from_wire(&l));
    let dry = get(v, "DryRun")?;
    let dry_run = if absent(&dry) {
        None
    } else {
        Some(dry.as_bool().ok_or_else(|| {
            Error::invalid_input(
                "DryRun",
                format_args!("must be a boolean, got {}", type_name(&dry)),
            )
        })?)
    };
    let specs_v = get(v, "TagSpecifications")?;
    let tag_specifications = if absent(&specs_v) {
        None
    } else {
        let specs = array(&specs_v, &|| "TagSpecifications".into())?;
        let mut out = Vec::with_capacity(specs.length() as usize);
        for (i, spec) in specs.iter().enumerate() {
            if absent(&spec) {
                continue;
            }
            let sp = || format!("TagSpecifications[{i}].");
            object(&spec, &|| format!("TagSpecifications[{i}]"))?;
            let resource_type = opt_string(&spec, "ResourceType", &sp)?;
            let tags_v = get(&spec, "Tags")?;
            let tags = if absent(&tags_v) {
                None
            } else {
                let tags = array(&tags_v, &|| format!("TagSpecifications[{i}].Tags"))?;
                let mut list = Vec::with_capacity(tags.length() as usize);
                for (j, tag) in tags.iter().enumerate() {
                    if absent(&tag) {
                        continue;
                    }
                    object(&tag, &|| format!("TagSpecifications[{i}].Tags[{j}]"))?;
                    let tp = || format!("TagSpecifications[{i}].Tags[{j}].");
                    list.push(Tag {
                        key: opt_string(&tag, "Key", &tp)?,
                        value: opt_string(&tag, "Value", &tp)?,
                    });
                }
                Some(list)
            };
            out.push(TagSpecification {
                resource_type,
                tags,
            });
        }
        Some(out)
    };
    Ok(CreateSnapshotInput {
        volume_id,
        description,
        outpost_arn,
        tag_specifications,
        location,
        dry_run,
    })
}

fn set(obj: &Object, key: &str, v: &JsValue) {
    // Setting a data property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), v);
}

fn set_str(obj: &Object, key: &str, v: &Option<String>) {
    if let Some(s) = v {
        set(obj, key, &JsValue::from_str(s));
    }
}

fn set_date(obj: &Object, key: &str, v: Option<f64>) {
    if let Some(ms) = v {
        set(obj, key, &Date::new(&JsValue::from_f64(ms)));
    }
}

fn set_num(obj: &Object, key: &str, v: Option<f64>) {
    if let Some(n) = v {
        set(obj, key, &JsValue::from_f64(n));
    }
}

/// The output object with the SDK's member names and JS types, in the SDK's member order.
pub fn snapshot_to_js(s: &Snapshot) -> Object {
    let o = Object::new();
    set_str(&o, "OwnerAlias", &s.owner_alias);
    set_str(&o, "OutpostArn", &s.outpost_arn);
    if let Some(tags) = &s.tags {
        let arr = Array::new_with_length(tags.len() as u32);
        for (i, t) in tags.iter().enumerate() {
            let to = Object::new();
            set_str(&to, "Key", &t.key);
            set_str(&to, "Value", &t.value);
            arr.set(i as u32, to.into());
        }
        set(&o, "Tags", &arr);
    }
    set_str(
        &o,
        "StorageTier",
        &s.storage_tier.as_ref().map(|v| v.as_str().to_owned()),
    );
    set_date(&o, "RestoreExpiryTime", s.restore_expiry_time);
    set_str(
        &o,
        "SseType",
        &s.sse_type.as_ref().map(|v| v.as_str().to_owned()),
    );
    set_str(&o, "AvailabilityZone", &s.availability_zone);
    set_str(
        &o,
        "TransferType",
        &s.transfer_type.as_ref().map(|v| v.as_str().to_owned()),
    );
    set_num(
        &o,
        "CompletionDurationMinutes",
        s.completion_duration_minutes.map(f64::from),
    );
    set_date(&o, "CompletionTime", s.completion_time);
    set_num(
        &o,
        "FullSnapshotSizeInBytes",
        s.full_snapshot_size_in_bytes.map(|v| v as f64),
    );
    set_str(&o, "SnapshotId", &s.snapshot_id);
    set_str(&o, "VolumeId", &s.volume_id);
    set_str(
        &o,
        "State",
        &s.state.as_ref().map(|v| v.as_str().to_owned()),
    );
    set_str(&o, "StateMessage", &s.state_message);
    set_date(&o, "StartTime", s.start_time);
    set_str(&o, "Progress", &s.progress);
    set_str(&o, "OwnerId", &s.owner_id);
    set_str(&o, "Description", &s.description);
    set_num(&o, "VolumeSize", s.volume_size.map(f64::from));
    if let Some(b) = s.encrypted {
        set(&o, "Encrypted", &JsValue::from_bool(b));
    }
    set_str(&o, "KmsKeyId", &s.kms_key_id);
    set_str(&o, "DataEncryptionKeyId", &s.data_encryption_key_id);
    o
}

/// `{ Code, Message, RequestID, fields: [[name, text], ...] }` for the JS layer to build the exception.
pub fn error_body_to_js(e: &ErrorBody) -> Object {
    let o = Object::new();
    let ServiceError {
        code,
        message,
        request_id,
    } = &e.error;
    set_str(&o, "Code", code);
    set_str(&o, "Message", message);
    set_str(&o, "RequestID", request_id);
    let fields = Array::new();
    for (k, v) in &e.fields {
        fields.push(&Array::of2(&JsValue::from_str(k), &JsValue::from_str(v)));
    }
    set(&o, "fields", &fields);
    o
}

/// Headers object → ordered pairs, checking names and values are strings.
pub fn headers_from_js(v: &JsValue) -> Result<Vec<(String, String)>> {
    object(v, &|| "request.headers".into())?;
    let entries = Object::entries(v.unchecked_ref());
    let mut out = Vec::with_capacity(entries.length() as usize);
    for e in entries.iter() {
        let pair: Array = e.unchecked_into();
        let name = string(&pair.get(0), &|| "request.headers".into())?;
        let value = pair.get(1);
        if absent(&value) {
            continue;
        }
        let value = string(&value, &|| {
            format!("request.headers[{}]", crate::xml::quote(&name))
        })?;
        out.push((name, value));
    }
    Ok(out)
}

/// Ordered pairs → a plain headers object.
pub fn headers_to_js(h: &[(String, String)], skip_transport_owned: bool) -> Object {
    let o = Object::new();
    for (n, v) in h {
        if skip_transport_owned && (n == "host" || n == "content-length") {
            continue;
        }
        set(&o, n, &JsValue::from_str(v));
    }
    o
}
