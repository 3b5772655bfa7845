#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { PlatformStack } from './platform-stack';

const app = new App();
new PlatformStack(app, 'Platform', {
  imageTag: app.node.tryGetContext('imageTag'),
  description: 'cdk-containers reference platform',
});
app.synth();
