import { Card } from 'antd';

export default function MyOldPartsPage() {
  return <Card />;
}
