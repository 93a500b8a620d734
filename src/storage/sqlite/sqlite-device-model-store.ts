// The device model values kept in the station database (table device_model_values, created by migration 2).
// save is one upsert in autocommit mode; saveMany runs its upserts in one transaction.
import type { Database, Statement } from 'better-sqlite3';
import type { DeviceModelStore, StoredVariableValue } from '../../device-model/device-model-store.js';
import type { AttributeType, ChangeSource } from '../../device-model/types.js';

interface ValueRow {
  component_key: string;
  variable_key: string;
  attribute_type: string;
  value: string;
  initial_value: string | null;
  changed_by: string;
  changed_at: string;
}

type UpsertParameters = [string, string, string, string, string | null, string, string];

export class SqliteDeviceModelStore implements DeviceModelStore {
  private readonly selectAllStatement: Statement<[], ValueRow>;
  private readonly upsertStatement: Statement<UpsertParameters>;
  private readonly upsertMany: (values: readonly StoredVariableValue[]) => void;

  /** `database` must have been opened with openStationDatabase (so that the schema exists). */
  constructor(database: Database) {
    this.selectAllStatement = database.prepare(
      `SELECT component_key, variable_key, attribute_type, value, initial_value, changed_by, changed_at
         FROM device_model_values
        ORDER BY component_key, variable_key, attribute_type`,
    );
    this.upsertStatement = database.prepare(
      `INSERT INTO device_model_values
              (component_key, variable_key, attribute_type, value, initial_value, changed_by, changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (component_key, variable_key, attribute_type) DO UPDATE SET
              value = excluded.value,
              initial_value = excluded.initial_value,
              changed_by = excluded.changed_by,
              changed_at = excluded.changed_at`,
    );
    this.upsertMany = database.transaction((values: readonly StoredVariableValue[]) => {
      for (const value of values) this.upsert(value);
    });
  }

  loadAll(): StoredVariableValue[] {
    return this.selectAllStatement.all().map((row) => ({
      componentKey: row.component_key,
      variableKey: row.variable_key,
      attributeType: row.attribute_type as AttributeType,
      value: row.value,
      initialValue: row.initial_value,
      changedBy: row.changed_by as ChangeSource,
      changedAt: row.changed_at,
    }));
  }

  save(value: StoredVariableValue): void {
    this.upsert(value);
  }

  saveMany(values: readonly StoredVariableValue[]): void {
    if (values.length > 0) this.upsertMany(values);
  }

  private upsert(value: StoredVariableValue): void {
    this.upsertStatement.run(
      value.componentKey,
      value.variableKey,
      value.attributeType,
      value.value,
      value.initialValue,
      value.changedBy,
      value.changedAt,
    );
  }
}
