// The editor's YAML view of the draft: its own chunk, so the YAML library loads only when it is opened.
import { stringify } from 'yaml';

export default function YamlPreview({ data }: { data: unknown }) {
  return <pre className="jx-yaml">{stringify(data, { lineWidth: 0 })}</pre>;
}
