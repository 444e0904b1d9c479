/** The identity data a citizen types (ID number, name, birth date, phone): its field errors. */
import { defineApiTexts } from './define.ts';

export const apiTexts = defineApiTexts({
  vi: {
    fields: {
      ID_NUMBER_INVALID: 'Số giấy tờ phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND) với mã tỉnh hợp lệ.',
      ID_NUMBER_BIRTHDATE_MISMATCH: 'Số CCCD không khớp với năm sinh (chữ số thế kỷ hoặc năm sinh khác).',
      FULL_NAME_INVALID: 'Họ tên chỉ gồm chữ cái tiếng Việt, khoảng trắng, dấu nháy và gạch nối.',
      BIRTHDATE_INVALID: 'Ngày sinh không hợp lệ (dạng DD/MM/YYYY, không ở tương lai).',
      PHONE_NUMBER_INVALID: 'Số điện thoại di động Việt Nam không hợp lệ.',
    },
  },
  en: {
    fields: {
      ID_NUMBER_INVALID:
        'The ID number must be 12 digits (CCCD) or 9 digits (CMND) with a valid province code.',
      ID_NUMBER_BIRTHDATE_MISMATCH:
        'The CCCD number does not match the birth year (century or year digits differ).',
      FULL_NAME_INVALID: 'The name may contain only Vietnamese letters, spaces, apostrophes and hyphens.',
      BIRTHDATE_INVALID: 'The birth date is not valid (DD/MM/YYYY, not in the future).',
      PHONE_NUMBER_INVALID: 'This is not a valid Vietnamese mobile number.',
    },
  },
});
