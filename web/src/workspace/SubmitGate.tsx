/** The submit dialog's list of what stops a unit from submitting, each linked to its field (issue 11.3). */
import type { IndicatorNode } from '@core/framework/model.js';
import type { Problem } from './check';
import { fieldTarget, focusElement } from './Panels';

export function GapList({
  gaps,
  nodeByPath,
  onGo,
}: {
  gaps: Problem[];
  nodeByPath: Map<string, IndicatorNode>;
  /** Closes the dialog before moving to the field. */
  onGo(): void;
}) {
  return (
    <div className="jx-gaps">
      <p>
        还有 <b>{gaps.length}</b> 项未完成或有误，填写或更正后才能提交：
      </p>
      <ul className="jx-findings" data-testid="submit-gaps">
        {gaps.map((g) => (
          <li key={`${g.key}|${g.message}`} className="jx-find-error" data-key={g.key}>
            <button
              type="button"
              className="jx-link-btn"
              onClick={() => {
                onGo();
                setTimeout(() => focusElement(fieldTarget(g.key, nodeByPath)), 0);
              }}
            >
              {g.label}
            </button>
            ：{g.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
