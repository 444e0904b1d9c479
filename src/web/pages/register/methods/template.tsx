import type { PageContext } from '../../kit/context.ts';
import type { MethodChoice } from '../../kit/deps.ts';
import { Layout } from '../../kit/layout.tsx';

/** A method's name as the chooser shows it (its plug-in's texts); the id itself for a method not listed. */
export function methodName(ctx: PageContext, methods: readonly MethodChoice[], id: string): string {
  return methods.find((method) => method.id === id)?.chooser(ctx.m).name ?? id;
}

export function MethodsPage(props: {
  ctx: PageContext;
  methods: readonly MethodChoice[];
  /** Registering from a portal: "Register to continue to {portal}. ..." */
  forPortal?: string | undefined;
}) {
  const { m } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={m.methods.title}>
      <h1>{m.methods.title}</h1>
      {props.forPortal ? (
        <p class="lead" safe>
          {props.forPortal}
        </p>
      ) : (
        ''
      )}
      <p class={props.forPortal ? undefined : 'lead'}>{m.methods.lead}</p>
      <ul class="methods">
        {props.methods.map((method) => {
          const { name, hint } = method.chooser(m);
          return method.href ? (
            <li class="method">
              <a class="method-name" href={method.href}>
                {name}
              </a>
              <p>{hint}</p>
            </li>
          ) : (
            <li class="method method-unavailable">
              <span class="method-name">{name}</span>
              <span class="tag">{m.methods.notYet}</span>
              <p>{hint}</p>
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}
