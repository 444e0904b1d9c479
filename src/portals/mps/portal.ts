/** "Cổng Dịch vụ công Bộ Công an": the ministry's portal, with the criminal-record certificate request. */
import type { PortalDefinition } from '../kit/definition.ts';

export const mpsPortal: PortalDefinition = {
  id: 'mps',
  portOffset: 2,
  accent: '#1f4d2b',
  texts: {
    vi: {
      name: 'Cổng Dịch vụ công Bộ Công an',
      tagline: 'Thủ tục hành chính trong lĩnh vực công an, trực tuyến.',
    },
    en: {
      name: 'Ministry of Public Security Public Service Portal',
      tagline: 'Public-security administrative procedures, online.',
    },
  },
  services: [
    {
      slug: 'ly-lich-tu-phap',
      acr: 'LoA2',
      fields: [
        { name: 'certificateType', kind: 'choice', options: ['1', '2'] },
        { name: 'copies', kind: 'count', min: 1, max: 10 },
        { name: 'purpose', kind: 'text', maxLength: 200, multiline: true },
      ],
      texts: {
        vi: {
          title: 'Cấp phiếu lý lịch tư pháp',
          lead: 'Yêu cầu cấp Phiếu lý lịch tư pháp cho công dân Việt Nam. Thông tin người yêu cầu lấy từ tài khoản định danh điện tử.',
          fields: {
            certificateType: {
              label: 'Loại phiếu',
              options: {
                '1': 'Phiếu lý lịch tư pháp số 1',
                '2': 'Phiếu lý lịch tư pháp số 2 (đầy đủ, chỉ cấp cho chính người được cấp)',
              },
            },
            copies: { label: 'Số bản', hint: 'Từ 1 đến 10 bản.' },
            purpose: { label: 'Mục đích sử dụng', hint: 'Ví dụ: bổ sung hồ sơ xin việc.' },
          },
        },
        en: {
          title: 'Criminal record certificate',
          lead: 'Request a criminal record certificate for a Vietnamese citizen. The applicant’s details come from the electronic identity account.',
          fields: {
            certificateType: {
              label: 'Certificate type',
              options: {
                '1': 'Criminal record certificate no. 1',
                '2': 'Criminal record certificate no. 2 (complete, issued only to the person concerned)',
              },
            },
            copies: { label: 'Copies', hint: 'From 1 to 10 copies.' },
            purpose: { label: 'Purpose', hint: 'For example: for a job application.' },
          },
        },
      },
    },
  ],
};
