import { CARRIERS } from '../../../../../domain/carriers.ts';
import type { PageContext } from '../../../../../web/pages/kit/context.ts';
import { Layout } from '../../../../../web/pages/kit/layout.tsx';

export function BeforeYouStartPage(props: { ctx: PageContext }) {
  const { m, dev } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={m.beforeStart.title}>
      <h1>{m.beforeStart.title}</h1>
      <p class="lead">{m.beforeStart.lead}</p>
      <h2>{m.beforeStart.step1Title}</h2>
      <p>{m.beforeStart.step1}</p>
      <p class="sms-example" aria-hidden="true">
        <span class="sms-to">1414</span> TTTB
      </p>
      {dev ? (
        <p>
          <a href="/sim/phones">{m.beforeStart.devPhone}</a>
        </p>
      ) : (
        ''
      )}
      <h2>{m.beforeStart.step2Title}</h2>
      <p>{m.beforeStart.step2}</p>
      <ul class="hotlines">
        {Object.values(CARRIERS).map((carrier) => (
          <li>
            <span safe>{carrier.name}</span>:{' '}
            <a href={`tel:${carrier.hotline}`} safe>
              {carrier.hotline}
            </a>
          </li>
        ))}
      </ul>
      <h2>{m.beforeStart.step3Title}</h2>
      <p>{m.beforeStart.step3}</p>
      <p>
        <a class="button" href="/register/mobile">
          {m.beforeStart.start}
        </a>
      </p>
    </Layout>
  );
}
