// The seed's methods of block B: the device model as the integrator reads and writes it (B05-B07), and the
// network connection profiles (B09/B10).
import type {
  GetVariableDataType,
  GetVariableResultType,
  NetworkConnectionProfileType,
  OCPPInterfaceEnumType,
  SetVariableDataType,
  SetVariableResultType,
} from '../../messages/types.js';
import { OCPPCommCtrlr } from '../../device-model/standardized/index.js';
import type { BlockContext } from '../shared/block-contract.js';

export interface ProvisioningApi {
  /** Reads variables as GetVariables would, without the message limits. */
  getVariables(data: readonly GetVariableDataType[]): GetVariableResultType[];
  /**
   * Sets variables as SetVariables would; one result per item, in order. With source 'integrator' (the default)
   * ReadOnly variables may be written too.
   */
  setVariables(data: readonly SetVariableDataType[], source?: 'integrator' | 'csms'): SetVariableResultType[];
  /** The seed's on_variable_changed: the hardware changed a value; the model follows. */
  onVariableChanged(data: SetVariableDataType): SetVariableResultType;
  /**
   * The seed's get_network_connection_profile: the profile of `slot`, its ocppCsmsUrl without the ws:// or wss://
   * scheme (the seed removes it; securityProfile still tells which one applies).
   */
  getNetworkConnectionProfile(slot: number): NetworkConnectionProfileType | undefined;
  /** The position of `slot` in NetworkConfigurationPriority (0 = tried first), or undefined if it is not listed. */
  getPriorityFromConfigurationSlot(slot: number): number | undefined;
  /** The configuration slots in the order they are tried (NetworkConfigurationPriority). */
  getNetworkConnectionSlots(): number[];
  /** The seed's on_network_disconnected: if the link runs over that interface, it is dropped and re-established. */
  onNetworkDisconnected(ocppInterface: OCPPInterfaceEnumType): void;
}

export function provisioningApi(context: BlockContext): ProvisioningApi {
  const { model, link, networkProfiles } = context;
  const slots = () => [...model.value(OCPPCommCtrlr.NetworkConfigurationPriority)];
  return {
    getVariables: (data) => data.map((item) => model.getVariable(item)),
    setVariables: (data, source = 'integrator') => data.map((item) => model.setVariable(item, source)),
    onVariableChanged: (data) => model.setVariable(data, 'integrator'),
    getNetworkConnectionProfile: (slot) => withoutScheme(networkProfiles.get(slot)),
    getPriorityFromConfigurationSlot: (slot) => {
      const index = slots().indexOf(slot);
      return index < 0 ? undefined : index;
    },
    getNetworkConnectionSlots: slots,
    onNetworkDisconnected: (ocppInterface) => {
      const slot = link.activeSlot;
      if (slot !== undefined && networkProfiles.get(slot)?.ocppInterface === ocppInterface) link.reconnect();
    },
  };
}

function withoutScheme(profile: NetworkConnectionProfileType | undefined): NetworkConnectionProfileType | undefined {
  if (!profile) return undefined;
  return { ...profile, ocppCsmsUrl: profile.ocppCsmsUrl.replace(/^wss?:\/\//i, '') };
}
