import type { PageContext } from '../../kit/context.ts';
import { Layout } from '../../kit/layout.tsx';

/** The six registration methods of the portals; only the mobile subscriber one is built so far. */
const OTHER_METHODS = ['insurance', 'post', 'usbToken', 'simSignature', 'remoteSignature'] as const;

export function MethodsPage(props: { ctx: PageContext }) {
  const { m } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={m.methods.title}>
      <h1>{m.methods.title}</h1>
      <p class="lead">{m.methods.lead}</p>
      <ul class="methods">
        <li class="method">
          <a class="method-name" href="/register/mobile/before-you-start">
            {m.methods.mobile}
          </a>
          <p>{m.methods.mobileHint}</p>
        </li>
        {OTHER_METHODS.map((method) => (
          <li class="method method-unavailable">
            <span class="method-name">{m.methods[method]}</span>
            <span class="tag">{m.methods.notYet}</span>
            <p>{m.methods[`${method}Hint`]}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
