// DisplayMessageCtrlr (Part 2, Referenced Components §2.12 Display Message; PersonalMessageSize from Appendix 3
// §3.1.8): messages the CSMS puts on the station's display. The block needs a display, so Enabled and
// Available have no default: the station configuration says whether there is one.
import type { MessageFormatEnumType, MessagePriorityEnumType } from '../../messages/types.js';
import { controller, optional, required } from '../declare.js';

const MESSAGE_FORMAT_SET: Record<MessageFormatEnumType, true> = { ASCII: true, HTML: true, URI: true, UTF8: true };
const MESSAGE_PRIORITY_SET: Record<MessagePriorityEnumType, true> = { AlwaysFront: true, InFront: true, NormalCycle: true };

/** Every MessageFormatEnumType value. */
export const MESSAGE_FORMATS: readonly MessageFormatEnumType[] = Object.freeze(
  Object.keys(MESSAGE_FORMAT_SET) as MessageFormatEnumType[],
);
/** Every MessagePriorityEnumType value. */
export const MESSAGE_PRIORITIES: readonly MessagePriorityEnumType[] = Object.freeze(
  Object.keys(MESSAGE_PRIORITY_SET) as MessagePriorityEnumType[],
);

/** How many display messages this station stores at most (DisplayMessages' maxLimit). */
export const DISPLAY_MESSAGE_CAPACITY = 100;

export const DisplayMessageCtrlr = controller('DisplayMessageCtrlr', 'DisplayMessage', {
  Enabled: optional.boolean({ description: 'Show the messages the CSMS sets.' }),
  Available: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    description: 'The station can show messages set by the CSMS.',
  }),
  DisplayMessages: required.integer({
    mutability: 'ReadOnly',
    default: 0,
    max: DISPLAY_MESSAGE_CAPACITY,
    description: 'Messages set with SetDisplayMessage and stored now; maxLimit is how many can be stored.',
  }),
  SupportedFormats: required.memberList(MESSAGE_FORMATS, {
    mutability: 'ReadOnly',
    constant: true,
    default: ['ASCII', 'UTF8'],
    description: 'Message formats the display can show.',
  }),
  SupportedPriorities: required.memberList(MESSAGE_PRIORITIES, {
    mutability: 'ReadOnly',
    constant: true,
    default: ['AlwaysFront', 'InFront', 'NormalCycle'],
    description: 'Message priorities the station handles.',
  }),
  PersonalMessageSize: optional.integer({
    mutability: 'ReadOnly',
    constant: true,
    description: 'Longest personalMessage of IdTokenInfo kept, in characters (0: none kept).',
  }),
});
