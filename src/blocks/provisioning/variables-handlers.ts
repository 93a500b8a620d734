// B05 SetVariables and B06 GetVariables from the CSMS: one result per item, in order, after the message limits
// of DeviceDataCtrlr are checked. What a changed value sets off is up to the change listeners of the model.
import type { HandlerTable } from '../../rpc/handler-router.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { DeviceDataCtrlr } from '../../device-model/standardized/index.js';
import { enforceMessageLimits } from '../shared/message-limits.js';

export function variablesHandlers(model: DeviceModel): HandlerTable {
  return {
    GetVariables: (request) => {
      enforceMessageLimits('GetVariables', request, request.getVariableData.length, {
        items: model.value(DeviceDataCtrlr.ItemsPerMessageGetVariables),
        bytes: model.value(DeviceDataCtrlr.BytesPerMessageGetVariables),
      });
      return { getVariableResult: request.getVariableData.map((data) => model.getVariable(data)) };
    },
    SetVariables: (request) => {
      enforceMessageLimits('SetVariables', request, request.setVariableData.length, {
        items: model.value(DeviceDataCtrlr.ItemsPerMessageSetVariables),
        bytes: model.value(DeviceDataCtrlr.BytesPerMessageSetVariables),
      });
      return { setVariableResult: request.setVariableData.map((data) => model.setVariable(data, 'csms')) };
    },
  };
}
