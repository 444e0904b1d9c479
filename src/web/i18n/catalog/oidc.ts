/**
 * The OpenID Provider's own error page (src/web/oidc/error-page.tsx): what a citizen sees when a portal's
 * request cannot be trusted enough to send them back (unknown portal, an address it did not register) or is
 * malformed. Said without protocol words; the OAuth error code is shown small, for the portal's helpdesk.
 */
import { definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    oidcError: {
      title: 'Không thể tiếp tục đăng nhập',
      invalid_client:
        'Cổng dịch vụ gửi bạn tới đây chưa được đăng ký với hệ thống định danh. Vì an toàn, bạn không được chuyển về trang đó.',
      invalid_redirect_uri:
        'Địa chỉ quay về mà cổng dịch vụ yêu cầu không khớp với địa chỉ đã đăng ký. Vì an toàn, bạn không được chuyển tới địa chỉ đó.',
      invalid_request:
        'Yêu cầu đăng nhập từ cổng dịch vụ không hợp lệ hoặc đã hết hạn. Vui lòng quay lại cổng dịch vụ và thử lại.',
      other: 'Yêu cầu đăng nhập không thể xử lý lúc này. Vui lòng quay lại cổng dịch vụ và thử lại.',
      code: 'Mã lỗi (để báo bộ phận hỗ trợ): {code}',
    },
  },
  en: {
    oidcError: {
      title: 'Sign-in cannot continue',
      invalid_client:
        'The service portal that sent you here is not registered with the identity hub. For your safety you are not sent back to it.',
      invalid_redirect_uri:
        'The return address the service portal asked for does not match the one it registered. For your safety you are not sent there.',
      invalid_request:
        'The sign-in request from the service portal is invalid or has expired. Go back to the service portal and try again.',
      other: 'The sign-in request cannot be handled now. Go back to the service portal and try again.',
      code: 'Error code (for the helpdesk): {code}',
    },
  },
});
