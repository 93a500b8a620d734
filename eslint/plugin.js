// The project's own ESLint rules, used in eslint.config.js as the plugin `local`.
import noImportCycle from './rules/no-import-cycle.js';

export default {
  meta: { name: 'ocpp-station-local', version: '1.0.0' },
  rules: { 'no-import-cycle': noImportCycle },
};
