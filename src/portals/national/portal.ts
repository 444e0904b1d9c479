/** "Cổng Dịch vụ công quốc gia": the national portal, with a residence-confirmation request as its sample. */
import type { PortalDefinition } from '../kit/definition.ts';

export const nationalPortal: PortalDefinition = {
  id: 'national',
  portOffset: 1,
  accent: '#a4161a',
  texts: {
    vi: {
      name: 'Cổng Dịch vụ công quốc gia',
      tagline: 'Kết nối, cung cấp thông tin và dịch vụ công mọi lúc, mọi nơi.',
    },
    en: {
      name: 'National Public Service Portal',
      tagline: 'Public information and services, anytime, anywhere.',
    },
  },
  services: [
    {
      slug: 'xac-nhan-cu-tru',
      acr: 'LoA2',
      fields: [
        { name: 'delivery', kind: 'choice', options: ['online', 'counter'] },
        { name: 'purpose', kind: 'text', maxLength: 200, multiline: true },
      ],
      texts: {
        vi: {
          title: 'Xác nhận thông tin về cư trú',
          lead: 'Yêu cầu văn bản xác nhận thông tin về cư trú. Thông tin người yêu cầu lấy từ tài khoản định danh điện tử.',
          fields: {
            delivery: {
              label: 'Hình thức nhận kết quả',
              options: { online: 'Bản điện tử trên Cổng', counter: 'Nhận tại cơ quan đăng ký cư trú' },
            },
            purpose: { label: 'Mục đích sử dụng', hint: 'Ví dụ: bổ sung hồ sơ nhập học.' },
          },
        },
        en: {
          title: 'Residence confirmation',
          lead: 'Request a written confirmation of your residence details. The applicant’s details come from the electronic identity account.',
          fields: {
            delivery: {
              label: 'How to receive the result',
              options: {
                online: 'Electronic copy on the portal',
                counter: 'At the residence registration office',
              },
            },
            purpose: { label: 'Purpose', hint: 'For example: for a school enrolment.' },
          },
        },
      },
    },
  ],
};
