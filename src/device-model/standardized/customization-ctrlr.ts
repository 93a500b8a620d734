// CustomizationCtrlr (Part 2, Referenced Components §2.1.33; Appendix 3 §3.1.6): switches for vendor-specific
// extensions (DataTransfer, customData). Its one standardized variable is instanced by vendorId, so it is
// declared per vendor with customImplementationEnabled().
import { controller, declareVariable, optional } from '../declare.js';
import type { OptionalVariable } from '../types.js';

export const CustomizationCtrlr = controller('CustomizationCtrlr', 'Customization', {
  // "Every Controller component has an 'Enabled' variable" (Part 2, Referenced Components §1). No default.
  Enabled: optional.boolean({ description: 'Vendor-specific extensions may be used at all.' }),
});

/** CustomizationCtrlr.CustomImplementationEnabled[vendorId]: turns one vendor extension on or off. */
export function customImplementationEnabled(vendorId: string): OptionalVariable<boolean> {
  if (vendorId.length === 0 || vendorId.length > 255) {
    throw new RangeError(`vendorId must be 1 to 255 characters, got ${vendorId.length}`);
  }
  return declareVariable(
    { name: 'CustomizationCtrlr' },
    'CustomImplementationEnabled',
    optional.boolean({
      instance: vendorId,
      description: `Turns the ${vendorId} extension on or off.`,
    }),
    'Customization',
  );
}
