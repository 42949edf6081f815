"""The OpenAPI document describes what the API does: no two schemas share a name (two
`CheckOut`s used to collide, so the trainers' check answered a shape the document did not
describe), and every text input says it takes no control characters. Issue 13, defect 9."""

import json

from api.urls import api

DOCUMENT = "/api/v1/openapi.json"


def operations():
    for router_prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                yield f"{router_prefix}{path}", operation


def schemas_by_name() -> dict[str, set[str]]:
    """Every named schema pydantic makes for a response, and the distinct shapes it has."""
    found: dict[str, set[str]] = {}
    for _path, operation in operations():
        for model in operation.response_models.values():
            if model is None or not hasattr(model, "model_json_schema"):
                continue
            defs = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, shape in defs.get("$defs", {}).items():
                found.setdefault(name, set()).add(json.dumps(shape, sort_keys=True))
    return found


def test_no_two_response_schemas_share_a_name():
    clashes = {name for name, shapes in schemas_by_name().items() if len(shapes) > 1}
    assert clashes == set()


def test_the_trainers_check_has_its_own_schema(client):
    document = client.get(DOCUMENT).json()
    answer = document["paths"]["/api/v1/trainers/check"]["post"]["responses"]["200"]
    ref = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "results" in document["components"]["schemas"][ref]["properties"]


def free_strings(schema: dict, components: dict, seen=()):
    """Every string in a schema that is neither an enum, a constant nor a format."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            yield from free_strings(components[name], components, (*seen, name))
        return
    if schema.get("type") == "string" and not {"enum", "const", "format"} & schema.keys():
        yield schema
    for key in ("anyOf", "oneOf", "allOf"):
        for part in schema.get(key, ()):
            yield from free_strings(part, components, seen)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from free_strings(schema[key], components, seen)
    for part in schema.get("properties", {}).values():
        yield from free_strings(part, components, seen)


def test_every_text_input_declares_the_control_character_rule(client):
    document = client.get(DOCUMENT).json()
    components = document["components"]["schemas"]
    unmarked = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            inputs = [p["schema"] for p in operation.get("parameters", [])]
            for content in operation.get("requestBody", {}).get("content", {}).values():
                inputs.append(content["schema"])
            for schema in inputs:
                for string in free_strings(schema, components):
                    if string.get("pattern") != r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F]*$":
                        unmarked.append(f"{method} {path}: {string}")
    assert unmarked == []


def test_the_document_holds_no_key_twice(client):
    """Swagger UI refuses a document with a key twice ("duplicated mapping key") and shows
    no operation at all: a response code given as text in `openapi_extra` beside the same
    code as a number once did that."""
    twice = []

    def keep(pairs):
        keys = [key for key, _ in pairs]
        twice.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=keep)
    assert twice == []
